import ConfigureProfiles
import Foundation
import SSOConfig
import SSOWire
import SessionActors

/// Portal accounts and config documents for the generator tests.
enum Fixtures {
    static let file = URL(fileURLWithPath: "/tmp/multisso-configure-tests/config")

    static func account(_ id: String, _ name: String, roles: [String], email: String? = nil) -> PortalAccount {
        PortalAccount(accountID: id, accountName: name, emailAddress: email, roles: roles)
    }

    static func document(_ text: String) throws -> ConfigDocument {
        try ConfigDocument(parsing: Data(text.utf8), file: file)
    }

    static func text(_ document: ConfigDocument) -> String {
        String(decoding: document.data, as: UTF8.self)
    }

    /// `count` accounts with generated names (some repeated) and one to three roles each.
    static func portal(accounts count: Int, seed: Int = 0) -> [PortalAccount] {
        (0..<count).map { index in
            let id = String(format: "%012d", 100_000_000_000 + index * 7 + seed)
            let roles = ["AdministratorAccess", "ReadOnly", "Billing Viewer"].prefix(1 + (index + seed) % 3)
            return account(
                id, "Team \(index % (count / 2 + 1)) (EU)", roles: Array(roles), email: "team\(index)@example.com")
        }
    }
}

/// Applies a unified diff to the old text, to check that a rendered diff really turns old into new.
enum PatchApplier {
    static func apply(_ diff: String, to old: String) -> String? {
        var oldLines = UnifiedDiffLines.split(old)
        var output: [String] = []
        var cursor = 0
        let lines = diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 2
        while index < lines.count {
            let header = lines[index]
            guard header.hasPrefix("@@ -") else {
                index += 1
                continue
            }
            let oldSpec = header.dropFirst(4).split(separator: " ")[0]
            let start = Int(oldSpec.split(separator: ",")[0]) ?? 0
            let count = oldSpec.contains(",") ? Int(oldSpec.split(separator: ",")[1]) ?? 0 : 1
            let firstOld = count == 0 ? start : start - 1
            guard firstOld >= cursor else { return nil }
            output += oldLines[cursor..<firstOld]
            cursor = firstOld
            index += 1
            while index < lines.count, let marker = lines[index].first,
                marker == " " || marker == "-" || marker == "+" || marker == "\\"
            {
                let body = String(lines[index].dropFirst())
                let noNewline = index + 1 < lines.count && lines[index + 1].hasPrefix("\\ No newline")
                let line = noNewline ? body : body + "\n"
                switch marker {
                case " ":
                    guard cursor < oldLines.count, oldLines[cursor] == line else { return nil }
                    output.append(line)
                    cursor += 1
                case "-":
                    guard cursor < oldLines.count, oldLines[cursor] == line else { return nil }
                    cursor += 1
                case "+":
                    output.append(line)
                default:
                    break
                }
                index += 1
            }
        }
        output += oldLines[cursor...]
        oldLines.removeAll()
        return output.joined()
    }
}

/// Splits text into lines that keep their `\n`.
enum UnifiedDiffLines {
    static func split(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
