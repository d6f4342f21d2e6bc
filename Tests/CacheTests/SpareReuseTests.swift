import AWSFormats
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import SSOCache

#if canImport(Glibc)
    import Glibc
#endif

/// `CredentialCache.replace(_:for:reusing:)`: the old file a replace swapped out becomes the next
/// replace's temporary file (no inode allocated or freed), with the bytes and mode `write` gives, and
/// only when no one else could see it change: not while it is open, not through a link, not when it
/// has another name.
#if os(Linux)
    @Suite("Reusing swapped-out credential files as the next temporary file")
    struct SpareReuseTests {
        let first = RoleCredentialCacheKey(accountID: "111122223333", roleName: "Admin", sessionName: "my-sso")
        let second = RoleCredentialCacheKey(accountID: "444455556666", roleName: "Dev", sessionName: "my-sso")

        @Test("the spare's inode gets the new file, byte-identical to write, 0600; the old one is the next spare")
        func reusesTheInode() throws {
            try withTemporaryDirectory { root in
                let cache = CredentialCache(directory: root)
                try cache.write(Fixtures.credentials, for: first)
                try cache.write(Self.credentials("B-OLD", tokenLength: 40), for: second)
                let secondOldBytes = try bytes(cache, second)
                let secondOldInode = try inode(cache.url(for: second).path)
                let spare = try #require(try cache.replace(Self.credentials("A-NEW"), for: first))
                let spareInode = try inode(spare)
                chmod(spare, 0o644)

                let newer = Self.credentials("B-NEW", tokenLength: 30)
                let (displaced, unused) = try replace(cache, newer, for: second, reusing: spare)
                let next = try #require(displaced)
                #expect(unused == nil, "the spare was used")
                #expect(next == spare, "the swapped-out file stays under the spare's name")
                #expect(try inode(cache.url(for: second).path) == spareInode, "no new inode")
                #expect(try bytes(cache, second) == expectedBytes(newer))
                #expect(try mode(cache.url(for: second).path) == 0o600)
                #expect(try inode(next) == secondOldInode)
                #expect(try Data(contentsOf: URL(fileURLWithPath: next)) == secondOldBytes)
            }
        }

        @Test("a spare larger than the new content ends where the new content ends")
        func shrinks() throws {
            try withTemporaryDirectory { root in
                let cache = CredentialCache(directory: root)
                try cache.write(Self.credentials("A-OLD", tokenLength: 9000), for: first)
                try cache.write(Fixtures.credentials, for: second)
                let spare = try #require(try cache.replace(Self.credentials("A-NEW"), for: first))
                #expect(try Data(contentsOf: URL(fileURLWithPath: spare)).count > 9000)
                let spareInode = try inode(spare)
                let newer = Self.credentials("B-NEW", tokenLength: 20)
                #expect(try replace(cache, newer, for: second, reusing: spare).unused == nil)
                #expect(try inode(cache.url(for: second).path) == spareInode)
                #expect(try bytes(cache, second) == expectedBytes(newer))
            }
        }

        @Test(
            "a spare someone has open is not rewritten: it is handed back unchanged, the reader reads it whole, a new file is used"
        )
        func openSpareLeftAlone() throws {
            try withTemporaryDirectory { root in
                let cache = CredentialCache(directory: root)
                let (spare, oldBytes) = try bothWrittenFirstReplaced(cache)
                let spareInode = try inode(spare)
                let reader = try #require(FileHandle(forReadingAtPath: spare))
                defer { try? reader.close() }

                let newer = Self.credentials("B-NEW")
                let (displaced, unused) = try replace(cache, newer, for: second, reusing: spare)
                let next = try #require(displaced)
                #expect(next != spare)
                #expect(unused == spare, "the spare is handed back, for the caller to remove")
                #expect(try Data(contentsOf: URL(fileURLWithPath: spare)) == oldBytes)
                #expect(try inode(cache.url(for: second).path) != spareInode)
                #expect(try bytes(cache, second) == expectedBytes(newer))
                #expect(try reader.readToEnd() == oldBytes, "the reader's file never changed")
                unlink(next)
            }
        }

        @Test("a spare with a second name, or a link in its place, is handed back and never written through")
        func linkedSpareLeftAlone() throws {
            try withTemporaryDirectory { root in
                let cache = CredentialCache(directory: root)
                let (spare, oldBytes) = try bothWrittenFirstReplaced(cache)
                let otherName = root.appendingPathComponent("other-name").path
                #expect(link(spare, otherName) == 0)
                let (displaced, unused) = try replace(cache, Self.credentials("B-NEW"), for: second, reusing: spare)
                let next = try #require(displaced)
                #expect(try Data(contentsOf: URL(fileURLWithPath: otherName)) == oldBytes)
                #expect(unused == spare)
                #expect(try Data(contentsOf: URL(fileURLWithPath: spare)) == oldBytes)

                let victim = root.appendingPathComponent("victim").path
                try oldBytes.write(to: URL(fileURLWithPath: victim))
                #expect(unlink(next) == 0 && symlink(victim, next) == 0)
                #expect(try replace(cache, Self.credentials("A-NEWEST"), for: first, reusing: next).unused == next)
                #expect(try Data(contentsOf: URL(fileURLWithPath: victim)) == oldBytes)
                #expect(try cache.read(first)?.accessKeyID == "A-NEWEST")
            }
        }

        @Test("a spare that is gone, or a target that is missing: the write still happens, as a rename")
        func missingSpareOrTarget() throws {
            try withTemporaryDirectory { root in
                let cache = CredentialCache(directory: root)
                try cache.write(Fixtures.credentials, for: first)
                let gone = root.appendingPathComponent(".gone.1.2.tmp").path
                let missing = try replace(cache, Self.credentials("B-NEW"), for: second, reusing: gone)
                #expect(missing.displaced == nil && missing.unused == gone)
                #expect(try cache.read(second)?.accessKeyID == "B-NEW")

                let spare = try #require(try cache.replace(Self.credentials("A-NEW"), for: first))
                let spareInode = try inode(spare)
                try cache.delete(second)
                let renamed = try replace(cache, Self.credentials("B-NEWER"), for: second, reusing: spare)
                #expect(renamed.displaced == nil && renamed.unused == nil)
                #expect(try inode(cache.url(for: second).path) == spareInode)
                #expect(try cache.read(second)?.accessKeyID == "B-NEWER")
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter {
                    $0.hasPrefix(".")
                }
                #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
            }
        }

        @Test("readers of two files always parse them while one writer replaces each 300 times, reusing the spares")
        func readersAlwaysParse() async throws {
            try await withTemporaryDirectory { root in
                let cache = CredentialCache(directory: root)
                let keys = [first, second]
                for key in keys { try cache.write(Fixtures.credentials, for: key) }
                let done = SharedCounter()
                let readCount = SharedCounter()
                async let reader = onThread { () -> (reads: Int, failures: [String]) in
                    var failures: [String] = []
                    let deadline = Date().addingTimeInterval(120)
                    while done.value.load(ordering: .acquiring) == 0 && Date() < deadline {
                        for key in keys {
                            do throws(CacheError) {
                                if try cache.read(key) == nil { failures.append("file missing") }
                            } catch {
                                failures.append(error.code)
                            }
                        }
                        readCount.value.add(1, ordering: .releasing)
                    }
                    return (readCount.value.load(ordering: .acquiring), failures)
                }
                let inodes = try await onThread { () -> Set<UInt64> in
                    defer { done.value.add(1, ordering: .releasing) }
                    var spare: String?
                    var seen: Set<UInt64> = []
                    for round in 0..<600 {
                        // Every 50 rounds, until the reader has read again: reads and writes interleave.
                        if round % 50 == 0 {
                            let reads = readCount.value.load(ordering: .acquiring)
                            let deadline = Date().addingTimeInterval(30)
                            while readCount.value.load(ordering: .acquiring) == reads && Date() < deadline {
                                sched_yield()
                            }
                        }
                        let credentials = Self.credentials("R\(round)", tokenLength: 1 + (round * 37) % 900)
                        let (displaced, unused) = try replace(cache, credentials, for: keys[round % 2], reusing: spare)
                        if let unused { unlink(unused) }
                        spare = displaced
                        seen.insert(try inode(cache.url(for: keys[round % 2]).path))
                    }
                    if let spare { unlink(spare) }
                    return seen
                }
                let (reads, failures) = try await reader
                #expect(reads > 10)
                #expect(failures.isEmpty, "\(failures.count) of \(reads) reads failed: \(Set(failures))")
                // Without reuse, 600 inodes; a spare the reader still has open is not reused (a new file then).
                #expect(inodes.count < 300, "600 replaces went through \(inodes.count) inodes")
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter {
                    $0.hasPrefix(".")
                }
                #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
            }
        }

        static func credentials(_ accessKeyID: String, tokenLength: Int = 10) -> RoleCredentials {
            var credentials = Fixtures.credentials
            credentials.accessKeyID = accessKeyID
            credentials.sessionToken = String(repeating: "t", count: tokenLength)
            return credentials
        }

        private func expectedBytes(_ credentials: RoleCredentials) throws -> Data {
            try withTemporaryDirectory { other in
                let plain = CredentialCache(directory: other)
                try plain.write(credentials, for: first)
                return try Data(contentsOf: plain.url(for: first))
            }
        }

        /// `cache.replace(_:for:reusing:)` with `spare`: what it returned, and the spare as it left it.
        private func replace(
            _ cache: CredentialCache, _ credentials: RoleCredentials, for key: RoleCredentialCacheKey,
            reusing spare: String?
        ) throws -> (displaced: String?, unused: String?) {
            var spare = spare
            let displaced = try cache.replace(credentials, for: key, reusing: &spare)
            return (displaced, spare)
        }

        /// Both files written, then the first replaced: its old file (the spare) and that file's bytes.
        private func bothWrittenFirstReplaced(_ cache: CredentialCache) throws -> (spare: String, oldBytes: Data) {
            try cache.write(Fixtures.credentials, for: first)
            try cache.write(Fixtures.credentials, for: second)
            let oldBytes = try bytes(cache, first)
            return (try #require(try cache.replace(Self.credentials("A-NEW"), for: first)), oldBytes)
        }

        private func bytes(_ cache: CredentialCache, _ key: RoleCredentialCacheKey) throws -> Data {
            try Data(contentsOf: cache.url(for: key))
        }

        private func mode(_ path: String) throws -> Int {
            try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
    }

    private func inode(_ path: String) throws -> UInt64 {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw CocoaError(.fileNoSuchFile) }
        return UInt64(info.st_ino)
    }
#endif
