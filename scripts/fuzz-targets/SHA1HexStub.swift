// Stands in for SSOCache's SHA1Hex (which needs swift-crypto) in the scripts/fuzz build: cache file
// names are not under test there.
enum SHA1Hex {
    static func digest(_ text: String) -> String { String(UInt(bitPattern: text.hashValue), radix: 16) }
}
