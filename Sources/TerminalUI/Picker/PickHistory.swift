public import FileStore
public import Foundation
import SSOConfig

/// Which profiles `multisso pick` chose, how often and when: `~/.aws/sso/multisso-pick-history.json`,
/// beside the caches (owner-only, written atomically), so recent and frequent profiles come first.
public struct PickHistory: Sendable, Equatable, Codable {
    public struct Use: Sendable, Equatable, Codable {
        public var count: Int
        public var last: Date
    }

    public var uses: [String: Use] = [:]

    /// The most profiles remembered (the least recently used are forgotten first).
    static let limit = 500

    public init() {}

    /// The history file of an environment.
    public static func file(_ environment: AWSEnvironment) -> URL {
        environment.ssoCacheDirectory.deletingLastPathComponent().appendingPathComponent("multisso-pick-history.json")
    }

    /// The history, or an empty one when the file is missing or damaged.
    public static func load(_ environment: AWSEnvironment) -> PickHistory {
        guard let data = try? AtomicFile.readRegularFile(file(environment)) else { return PickHistory() }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return (try? decoder.decode(PickHistory.self, from: data)) ?? PickHistory()
    }

    /// Records a choice and saves the file.
    /// - Throws: `FileSystemError` when it cannot be written.
    public mutating func record(_ profile: String, at now: Date, environment: AWSEnvironment) throws(FileSystemError) {
        uses[profile, default: Use(count: 0, last: now)].count += 1
        uses[profile]?.last = now
        if uses.count > Self.limit {
            for (name, _) in uses.sorted(by: { $0.value.last < $1.value.last }).prefix(uses.count - Self.limit) {
                uses[name] = nil
            }
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        try AtomicFile.write(data, to: Self.file(environment), permissions: 0o600)
    }

    /// Frecency: uses, weighted by how recent the last one was (halving every week).
    func weight(_ profile: String, now: Date) -> Double {
        guard let use = uses[profile] else { return 0 }
        let weeks = max(0, now.timeIntervalSince(use.last)) / (7 * 86_400)
        return Double(use.count) / pow(2, weeks) + 1
    }
}
