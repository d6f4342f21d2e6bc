/// Prefixes each line of a child's output with its profile: `[profile] line`, the label in an
/// ANSI colour when asked. The colour comes from a fixed hash of the profile name, so a profile
/// keeps its colour from run to run (Swift's `hashValue` is seeded per process, so it is not used).
public struct OutputLabeller: Sendable, Hashable {
    /// Colours used for labels: cyan, green, yellow, magenta, blue and their bright variants.
    /// Red is left out, since it reads as an error.
    static let palette: [Int] = [36, 32, 33, 35, 34, 96, 92, 93, 95, 94]

    /// The bytes put before every line.
    public let prefix: [UInt8]

    /// Creates the labeller for one profile.
    /// - Parameters:
    ///   - profile: the profile name shown in the label.
    ///   - colour: whether to colour the label (on a TTY, unless NO_COLOR is set; the caller decides).
    public init(profile: String, colour: Bool) {
        if colour {
            let code = Self.colourCode(for: profile)
            prefix = Array("\u{1B}[\(code)m[\(profile)]\u{1B}[0m ".utf8)
        } else {
            prefix = Array("[\(profile)] ".utf8)
        }
    }

    /// The ANSI foreground colour code for a profile (stable across runs and machines).
    public static func colourCode(for profile: String) -> Int {
        // FNV-1a, 32-bit.
        var hash: UInt32 = 2_166_136_261
        for byte in profile.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return palette[Int(hash % UInt32(palette.count))]
    }

    /// One batch: every line with the prefix and a trailing newline, ready for a single write.
    public func label(_ lines: [[UInt8]]) -> [UInt8] {
        var batch: [UInt8] = []
        batch.reserveCapacity(lines.reduce(0) { $0 + $1.count + prefix.count + 1 })
        for line in lines {
            batch.append(contentsOf: prefix)
            batch.append(contentsOf: line)
            batch.append(UInt8(ascii: "\n"))
        }
        return batch
    }
}
