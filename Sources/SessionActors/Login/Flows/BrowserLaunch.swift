public import Foundation

/// Decides whether a flow opens the browser and, if not, why: shared by both login flows.
public enum BrowserLaunch {
    /// The result of trying to open a URL.
    public enum Result: Sendable, Equatable {
        case opened
        /// Not opened; `reason` is nil when the user asked for no browser.
        case notOpened(reason: String?)
    }

    /// Opens `url` unless the browser is disabled or the machine is headless.
    public static func attempt(_ url: URL, with browser: BrowserOpener) async -> Result {
        if browser.disabled { return .notOpened(reason: nil) }
        if let reason = browser.headlessReason { return .notOpened(reason: reason) }
        if await browser.open(url) { return .opened }
        return .notOpened(reason: "No browser could be started (tried $BROWSER and the system opener).")
    }
}
