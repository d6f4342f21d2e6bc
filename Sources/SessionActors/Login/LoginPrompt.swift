public import Foundation

/// What a login flow wants shown to the user; the command line renders it (a library never prints).
public enum LoginPrompt: Sendable, Equatable {
    /// The browser was opened on `url`; shown so the user can open it by hand if nothing appeared.
    case browserOpened(sessionLabel: String, url: URL)
    /// The browser was not opened: `reason` says why (nil when the user asked for no browser).
    case openURL(sessionLabel: String, url: URL, reason: String?)
    /// Device code flow: the user confirms `userCode` at `verificationURI`.
    case deviceCode(
        sessionLabel: String, startURL: String, verificationURI: String, userCode: String,
        verificationURIComplete: String?, browserOpened: Bool
    )
    /// Waiting for the user to finish in the browser.
    case waiting(sessionLabel: String)
    /// Something worth telling the user about the login, e.g. why the device code flow was chosen.
    case notice(sessionLabel: String, message: String)
}

/// Receives the prompts of a login flow (the CLI prints them; tests record or act on them).
public protocol LoginPresenter: Sendable {
    func present(_ prompt: LoginPrompt) async
}
