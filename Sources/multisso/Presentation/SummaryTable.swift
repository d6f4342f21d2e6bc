import Foundation
import SessionActors

/// The table printed at the end of a warm-up: one row per portal, then every failed profile with its reason.
enum SummaryTable {
    static func render(_ report: WarmUpReport, console: Console) -> String {
        var rows: [[String]] = [["PORTAL", "PROFILES", "FETCHED", "CACHED", "FAILED"]]
        // Each portal's counts by its first appearance; a profile of the same portal as the one before
        // it (nearly all of them) finds its entry without a lookup.
        var portalOrder: [String] = []
        var counts: [(total: Int, fetched: Int, cached: Int, failed: Int)] = []
        var indexByPortal: [String: Int] = [:]
        var last: (portal: String, index: Int)?
        for outcome in report.profiles {
            let index: Int
            if let last, last.portal == outcome.portal {
                index = last.index
            } else if let known = indexByPortal[outcome.portal] {
                index = known
            } else {
                index = counts.count
                indexByPortal[outcome.portal] = index
                portalOrder.append(outcome.portal)
                counts.append((0, 0, 0, 0))
            }
            last = (outcome.portal, index)
            counts[index].total += 1
            if !outcome.succeeded {
                counts[index].failed += 1
            } else if outcome.fromCache {
                counts[index].cached += 1
            } else {
                counts[index].fetched += 1
            }
        }
        for (portal, entry) in zip(portalOrder, counts) {
            rows.append([portal, "\(entry.total)", "\(entry.fetched)", "\(entry.cached)", "\(entry.failed)"])
        }
        var text = table(rows)
        let failed = report.profiles.filter { !$0.succeeded }
        if !failed.isEmpty {
            text += "\n" + console.styled("Failed profiles:", "1;31") + "\n"
            for outcome in failed {
                text += "  \(outcome.profile): \(outcome.message ?? outcome.errorCode ?? "failed")\n"
            }
        }
        let succeeded = report.profiles.count - failed.count
        text += String(
            format: "\n%d of %d profiles have credentials (%d throttled calls) in %.2fs\n",
            succeeded, report.profiles.count, report.throttled, report.seconds)
        return text
    }

    /// The widest a cell is shown in a table; longer ones end in an ellipsis (JSON has them whole).
    static let maximumCellWidth = 64

    /// Left-aligned columns separated by two spaces; cells wider than ``maximumCellWidth`` are cut,
    /// except those `keepWhole` names (a role chain's label, whose every hop matters).
    static func table(_ rows: [[String]], keepWhole: (String) -> Bool = { _ in false }) -> String {
        // ASCII cells (nearly all) are measured and padded by their bytes, and the table is written as
        // bytes: `status` at 10,000 profiles spent most of its rendering in `count`, Foundation's
        // `padding` and a string of spaces per cell. The rows are copied only when a cell is cut.
        // A cell of at most that many bytes is no wider (its byte count is known without a pass).
        func cut(_ cell: String) -> Bool {
            cell.utf8.count > maximumCellWidth && width(of: cell) > maximumCellWidth && !keepWhole(cell)
        }
        let rows =
            rows.contains { $0.contains(where: cut) } ? rows.map { $0.map { cut($0) ? truncated($0) : $0 } } : rows
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], width(of: cell)) }
        }
        var text: [UInt8] = []
        text.reserveCapacity(rows.count * (widths.reduce(0, +) + 2 * columns + 1))
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index > 0 { text.append(contentsOf: "  ".utf8) }
                if index == row.count - 1 {
                    text.append(contentsOf: cell.utf8)
                } else if isASCII(cell) {
                    text.append(contentsOf: cell.utf8)
                    text.append(contentsOf: repeatElement(UInt8(ascii: " "), count: widths[index] - cell.utf8.count))
                } else {
                    text.append(contentsOf: cell.padding(toLength: widths[index], withPad: " ", startingAt: 0).utf8)
                }
            }
            text.append(UInt8(ascii: "\n"))
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func truncated(_ cell: String) -> String {
        cell.count > maximumCellWidth ? cell.prefix(maximumCellWidth - 1) + "…" : cell
    }

    /// The cell's width in characters (its byte count when it is ASCII).
    private static func width(of cell: String) -> Int {
        isASCII(cell) ? cell.utf8.count : cell.count
    }

    private static func isASCII(_ cell: String) -> Bool {
        cell.utf8.allSatisfy { $0 < 0x80 }
    }
}
