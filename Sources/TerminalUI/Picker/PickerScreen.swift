import Foundation

/// Draws the picker's state into lines that fit a terminal of `width` × `height`: a query line, then
/// one row per match (profile, account, role, portal, time left; narrow terminals keep the profile and
/// the time left), the selection marked with `>` (and reversed when colour is on).
struct PickerScreen {
    var width: Int
    var height: Int
    var colour: Bool

    /// Rows of matches shown at once.
    var rowCount: Int { max(1, min(height - 2, 15)) }

    /// The indices into `model.entries` of the rows on screen.
    func visible(_ model: ProfilePickerModel) -> ArraySlice<Int> {
        model.matches.dropFirst(top(model)).prefix(rowCount)
    }

    private func top(_ model: ProfilePickerModel) -> Int { max(0, model.selected - rowCount + 1) }

    func lines(_ model: ProfilePickerModel) -> [String] {
        let count = "\(model.matches.count)/\(model.entries.count)"
        var lines = [fit("pick> \(model.queryText)", reserving: count.count + 1) + " " + count]
        let top = top(model)
        let visible = visible(model)
        let nameWidth = min(visible.map { model.entries[$0].profile.count }.max() ?? 10, max(10, width / 3))
        for (offset, index) in visible.enumerated() {
            let entry = model.entries[index]
            let isSelected = top + offset == model.selected
            let left = Self.timeLeft(entry.expiresAt, now: model.now)
            var text = (isSelected ? "> " : "  ") + pad(entry.profile, nameWidth)
            if width >= 70 {
                text += "  \(entry.accountID)  \(pad(entry.roleName, 18))  \(pad(entry.portal, 12))"
            }
            text = fit(text, reserving: 8) + " " + left.text
            if colour && isSelected {
                text = "\u{1B}[7m" + text + "\u{1B}[0m"
            } else if colour, let code = left.colour {
                text = "\u{1B}[\(code)m" + text + "\u{1B}[0m"
            }
            lines.append(text)
        }
        if model.matches.isEmpty { lines.append("  (no profile matches)") }
        return lines
    }

    /// `text` cut to the width minus `reserving` columns (with `…`), padded to it.
    private func fit(_ text: String, reserving: Int) -> String {
        let room = max(4, width - 1 - reserving)
        let cut = text.count > room ? String(text.prefix(room - 1)) + "…" : text
        return pad(cut, room)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }

    /// "7h05m", "42m", "expired" or "-", and the colour code for under 10 minutes (33) or expired (31).
    static func timeLeft(_ expiry: Date?, now: Date) -> (text: String, colour: String?) {
        guard let expiry else { return ("-", nil) }
        let seconds = Int(expiry.timeIntervalSince(now))
        if seconds <= 0 { return ("expired", "31") }
        let text =
            seconds >= 3600 ? "\(seconds / 3600)h\(String(format: "%02d", seconds % 3600 / 60))m" : "\(seconds / 60)m"
        return (text, seconds < 600 ? "33" : nil)
    }
}
