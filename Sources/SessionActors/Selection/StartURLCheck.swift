import Foundation

/// Checks a start URL locally before anything is sent: the service would only answer "Invalid
/// start URL" after a registration, and a URL that is not even one ends up in suggested commands.
public enum StartURLCheck {
    /// Why `text` is not a usable start URL (e.g. "'x y' is not an https:// URL with a host"), or nil.
    public static func problem(_ text: String) -> String? {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty,
            !text.contains(where: \.isWhitespace)
        else { return "'\(text)' is not an https:// URL with a host, e.g. https://d-1234567890.awsapps.com/start" }
        return nil
    }
}
