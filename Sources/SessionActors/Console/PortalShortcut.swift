public import Foundation
public import SSOConfig
import SSOWire

/// The access portal's shortcut link for an account and role: `START_URL/#/console?account_id=…
/// &role_name=…&destination=…`. It holds no credential: the portal signs the browser in with the
/// browser's own IdP session, and asks the person to sign in when there is none.
public enum PortalShortcut {
    public static func url(for profile: SSOProfile, destination: URL) -> URL {
        var start = Substring(profile.session.startURL)
        while let last = start.last, last == "/" || last == "#" { start = start.dropLast() }
        let query = PercentEncoding.query([
            ("account_id", profile.accountID), ("role_name", profile.roleName),
            ("destination", destination.absoluteString),
        ])
        return URL(string: "\(start)/#/console?\(query)") ?? destination
    }
}
