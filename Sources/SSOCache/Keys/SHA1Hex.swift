/// The lowercase hex SHA-1 (FIPS 180-4) of a string's UTF-8 bytes: how the AWS CLI names every cache
/// file. Computed here in one pass rather than through swift-crypto, whose generic digest types cost
/// the Swift runtime two scans of every protocol conformance in the binary on first use (a fifth of
/// `credential-process`'s start-up from a warm cache).
enum SHA1Hex {
    static func digest(_ text: String) -> String {
        digest(text, suffix: "")
    }

    /// The digest followed by `suffix` (an ASCII file extension), made in one string: `status` and
    /// `login --all` name thousands of cache files.
    static func digest(_ text: String, suffix: StaticString) -> String {
        var text = text
        let state = text.withUTF8 { hash($0) }
        return String(unsafeUninitializedCapacity: 40 + suffix.utf8CodeUnitCount) { buffer in
            var index = 0
            for word in [state.0, state.1, state.2, state.3, state.4] {
                var shift: UInt32 = 28
                while true {
                    let digit = UInt8((word >> shift) & 0x0F)
                    buffer[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                    index += 1
                    if shift == 0 { break }
                    shift -= 4
                }
            }
            suffix.withUTF8Buffer { suffix in
                for byte in suffix {
                    buffer[index] = byte
                    index += 1
                }
            }
            return index
        }
    }

    /// The five state words after every block of `bytes`, padded with `0x80`, zeros and the bit length.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt32, UInt32, UInt32, UInt32, UInt32) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { schedule in
            hash(bytes, schedule: schedule)
        }
    }

    /// ``hash(_:)`` with the message schedule in `schedule` (80 words, on the stack).
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, schedule: UnsafeMutableBufferPointer<UInt32>)
        -> (UInt32, UInt32, UInt32, UInt32, UInt32)
    {
        var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
            0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0
        )
        let total = (bytes.count + 9 + 63) / 64 * 64
        let bitLength = UInt64(bytes.count) &* 8
        func byte(_ index: Int) -> UInt32 {
            if index < bytes.count { return UInt32(bytes[index]) }
            if index == bytes.count { return 0x80 }
            if index >= total - 8 { return UInt32(truncatingIfNeeded: bitLength >> (UInt64(total - 1 - index) * 8)) }
            return 0
        }
        func rotated(_ word: UInt32, _ count: UInt32) -> UInt32 { (word << count) | (word >> (32 - count)) }
        var block = 0
        while block < total {
            if block + 64 <= bytes.count, let base = bytes.baseAddress {
                // A block of the text alone: its words as they are, without the padding's tests.
                for t in 0..<16 {
                    let word = base + block + 4 * t
                    schedule[t] =
                        UInt32(word[0]) << 24 | UInt32(word[1]) << 16 | UInt32(word[2]) << 8 | UInt32(word[3])
                }
            } else {
                for t in 0..<16 {
                    let index = block + 4 * t
                    schedule[t] = byte(index) << 24 | byte(index + 1) << 16 | byte(index + 2) << 8 | byte(index + 3)
                }
            }
            for t in 16..<80 {
                schedule[t] = rotated(schedule[t - 3] ^ schedule[t - 8] ^ schedule[t - 14] ^ schedule[t - 16], 1)
            }
            var (a, b, c, d, e) = state
            func round(_ t: Int, _ mixed: UInt32, _ constant: UInt32) {
                let next = rotated(a, 5) &+ mixed &+ e &+ constant &+ schedule[t]
                (e, d, c, b, a) = (d, c, rotated(b, 30), a, next)
            }
            // The four kinds of rounds in loops of their own: no test of the round number in each.
            for t in 0..<20 { round(t, (b & c) | (~b & d), 0x5A82_7999) }
            for t in 20..<40 { round(t, b ^ c ^ d, 0x6ED9_EBA1) }
            for t in 40..<60 { round(t, (b & c) | (b & d) | (c & d), 0x8F1B_BCDC) }
            for t in 60..<80 { round(t, b ^ c ^ d, 0xCA62_C1D6) }
            state.0 &+= a
            state.1 &+= b
            state.2 &+= c
            state.3 &+= d
            state.4 &+= e
            block += 64
        }
        return state
    }
}
