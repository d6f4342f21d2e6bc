import AWSFormats
import Foundation
import Testing

@testable import SSOCache

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The expiration-only reading of credential files (`status`, `login --all` with nothing to do) against
/// the full reading: the same time for every file the full reading accepts, nil where it gives nil, the
/// same error where it throws, with one buffer reused across files of every size.
@Suite("Credential expirations")
struct CredentialExpirationTests {
    /// Every file of the scanner's corpora, plain and unusual.
    static var corpus: [String] {
        CredentialFileScannerTests.corpus + CredentialFileScannerTests.written + CredentialFileScannerTests.unusual
    }

    @Test("the scanner's expiration is that of its credentials, over the corpus and every mutation")
    func scanner() {
        func check(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { raw in
                #expect(
                    CredentialFileScanner.expiration(raw) == CredentialFileScanner.credentials(raw)?.expiration,
                    "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        for text in Self.corpus { check(Array(text.utf8)) }
        let bytes = Array(CredentialFileScannerTests.plain.utf8)
        for end in 0...bytes.count { check(Array(bytes[..<end])) }
        for index in bytes.indices {
            for replacement: UInt8 in [0x22, 0x5C, 0x7B, 0x7D, 0x2C, 0x3A, 0x20, 0x41, 0x30, 0x1F, 0x7E, 0x7F, 0x80] {
                var mutated = bytes
                mutated[index] = replacement
                check(mutated)
            }
        }
    }

    @Test("a long session token with one byte of every kind at every place agrees with the general path")
    func longToken() {
        let token = String(repeating: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVz+=", count: 8)
        let text =
            #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": ""#
            + token + #"", "Expiration": "2026-12-04T18:00:00Z"}}"#
        let bytes = Array(text.utf8)
        let tokenStart = bytes.count - token.utf8.count - #"", "Expiration": "2026-12-04T18:00:00Z"}}"#.utf8.count
        #expect(bytes.withUnsafeBytes { CredentialFileScanner.credentials($0) }?.sessionToken == token)
        for index in tokenStart..<(tokenStart + token.utf8.count) {
            for replacement: UInt8 in [0x00, 0x1F, 0x20, 0x21, 0x22, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xC3, 0xFF] {
                var mutated = bytes
                mutated[index] = replacement
                CredentialFileScannerTests.check(mutated)
                if [0x20, 0x21, 0x5B, 0x5D, 0x7E].contains(replacement) {
                    #expect(mutated.withUnsafeBytes { CredentialFileScanner.credentials($0) } != nil, "\(index)")
                }
                mutated.withUnsafeBytes { raw in
                    #expect(
                        CredentialFileScanner.expiration(raw) == CredentialFileScanner.credentials(raw)?.expiration)
                }
            }
        }
    }

    /// A cache folder holding each of `contents` (and the special entries) under a key of its own.
    struct Folder {
        let cache: CredentialCache
        var keys: [RoleCredentialCacheKey] = []

        init() throws {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("expirations-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            cache = CredentialCache(directory: url)
        }

        func remove() { try? FileManager.default.removeItem(at: cache.directory) }

        mutating func key() -> RoleCredentialCacheKey {
            let key = RoleCredentialCacheKey(
                accountID: String(format: "%012d", keys.count), roleName: "Role", sessionName: "corp")
            keys.append(key)
            return key
        }

        mutating func add(_ bytes: [UInt8]) throws {
            try Data(bytes).write(to: cache.url(for: key()))
        }

        /// A missing file, a folder, a symbolic link, a named pipe and a file over the size limit.
        mutating func addSpecialEntries() throws {
            _ = key()
            try FileManager.default.createDirectory(at: cache.url(for: key()), withIntermediateDirectories: false)
            let target = cache.url(for: keys[0]).path
            try FileManager.default.createSymbolicLink(atPath: cache.url(for: key()).path, withDestinationPath: target)
            #expect(mkfifo(cache.url(for: key()).path, 0o600) == 0)
            try add(Array(repeating: 0x20, count: CacheFile.sizeLimit + 1))
        }
    }

    /// The full reading's answer: the expiration, or the error.
    static func full(_ reader: CredentialCache.Reader, _ key: RoleCredentialCacheKey) -> Result<Date?, CacheError> {
        Result { () throws(CacheError) in try reader.read(key)?.expiration }
    }

    @Test("a reader's expirations are the full reading's, file after file into one buffer")
    func reader() async throws {
        var folder = try Folder()
        defer { folder.remove() }
        for text in Self.corpus { try folder.add(Array(text.utf8)) }
        let plain = Array(CredentialFileScannerTests.plain.utf8)
        // Sizes around the buffer's first capacity and beyond, between small files, padded with spaces.
        for size in [4095, 4096, 4097, 9000, 70_000] {
            try folder.add(plain + Array(repeating: 0x20, count: size - plain.count))
            try folder.add(plain)
        }
        try folder.addSpecialEntries()
        let keys = folder.keys
        await folder.cache.withReader { reader in
            var buffer: [UInt8] = []
            for key in keys {
                let fast = Result { () throws(CacheError) in try reader.expiration(key, buffer: &buffer) }
                #expect(fast == Self.full(reader, key), "\(key.fileName)")
            }
            // Many files: both halves at once, in order, with the keys left out answered nil.
            let many = Array(repeating: keys, count: 1 + 600 / keys.count).flatMap { $0 }
            let all = await reader.expirations(count: many.count) { index in index % 7 == 3 ? nil : many[index] }
            #expect(all.count == many.count)
            for (index, answer) in all.enumerated() {
                #expect(answer == (index % 7 == 3 ? .success(nil) : Self.full(reader, many[index])), "\(index)")
            }
        }
        #expect(try folder.cache.read(keys[0]) != nil)
    }

    @Test("files read in one call or after fstat: empty, the buffer's size, the limit, past it, with any buffer")
    func sizesAroundTheFirstRead() async throws {
        var folder = try Folder()
        defer { folder.remove() }
        let plain = Array(CredentialFileScannerTests.plain.utf8)
        try folder.add([])
        for size in [plain.count, 4095, 4096, 4097, 8192, CacheFile.sizeLimit, CacheFile.sizeLimit + 1] {
            try folder.add(plain + Array(repeating: 0x20, count: size - plain.count))
        }
        try folder.addSpecialEntries()
        let keys = folder.keys
        await folder.cache.withReader { reader in
            // An empty buffer, one of the first read's size, and ones larger than the limit.
            for capacity in [0, 4096, CacheFile.sizeLimit + 1, CacheFile.sizeLimit + 2, 2 * CacheFile.sizeLimit] {
                for key in keys + keys.reversed() {
                    var buffer = [UInt8](repeating: 0, count: capacity)
                    let fast = Result { () throws(CacheError) in try reader.expiration(key, buffer: &buffer) }
                    #expect(fast == Self.full(reader, key), "\(key.fileName) \(capacity)")
                }
            }
        }
    }
}
