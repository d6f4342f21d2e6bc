public import Foundation

/// Parses the `Retry-After` header (RFC 9110 §10.2.3): a number of seconds, or an HTTP-date
/// (IMF-fixdate, and the obsolete RFC 850 and asctime forms).
public enum RetryAfter {
    /// The delay to wait, or nil when the value is neither form. A date in the past gives zero.
    public static func parse(_ value: String, now: Date = Date()) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite {
            guard seconds >= 0, seconds <= 86_400 * 365 else { return nil }
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        guard let date = httpDate(text) else { return nil }
        let interval = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64((interval * 1000).rounded()))
    }

    /// Parses an HTTP-date in any of its three historical forms.
    public static func httpDate(_ text: String) -> Date? {
        // asctime pads single-digit days with a space ("Nov  6"); collapse runs of spaces.
        let text = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    private static let formats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz",  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        "EEEE, dd-MMM-yy HH:mm:ss zzz",  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
        "EEE MMM d HH:mm:ss yyyy",  // asctime: Sun Nov  6 08:49:37 1994
    ]
}
