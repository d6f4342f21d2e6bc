import AWSFormats
import Foundation
import SSOConfig
import Synchronization
import TestSupport
import Testing

@testable import SSOCache

/// `CredentialCache.replace`: the same bytes and mode as `write`, the old file kept (same inode) under a
/// temporary name for the caller to remove, and readers never see a missing or torn file.
@Suite("Replacing credential files without freeing inodes")
struct ReplaceTests {
    let key = RoleCredentialCacheKey(accountID: "111122223333", roleName: "Admin", sessionName: "my-sso")

    @Test("replace writes the bytes write writes, 0600, and returns the old file, untouched, under a temporary name")
    func replaceKeepsTheOldFile() async throws {
        try await withTemporaryDirectory { root in
            let cache = CredentialCache(directory: root.appendingPathComponent("cache"))
            #expect(try cache.replace(Fixtures.credentials, for: key) == nil, "no old file: nothing displaced")
            let path = cache.url(for: key).path
            let firstBytes = try Data(contentsOf: cache.url(for: key))
            let firstInode = try #require(
                try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)

            var newer = Fixtures.credentials
            newer.accessKeyID = "ASIANEWER"
            let displaced = try #require(try cache.replace(newer, for: key))
            #expect(try Data(contentsOf: URL(fileURLWithPath: displaced)) == firstBytes)
            #expect(
                try FileManager.default.attributesOfItem(atPath: displaced)[.systemFileNumber] as? UInt64 == firstInode)
            let name = URL(fileURLWithPath: displaced).lastPathComponent
            #expect(name.hasPrefix(".\(key.fileName).") && name.hasSuffix(".tmp"))
            #expect(try cache.read(key)?.accessKeyID == "ASIANEWER")

            let written = try await withTemporaryDirectory { other in
                let plain = CredentialCache(directory: other)
                try plain.write(newer, for: key)
                return try Data(contentsOf: plain.url(for: key))
            }
            #expect(try Data(contentsOf: cache.url(for: key)) == written, "byte-identical to write")
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test("a folder at the target is refused and left as it is")
    func folderRefused() async throws {
        try await withTemporaryDirectory { root in
            let cache = CredentialCache(directory: root)
            try FileManager.default.createDirectory(at: cache.url(for: key), withIntermediateDirectories: false)
            #expect(throws: CacheError.self) { try cache.replace(Fixtures.credentials, for: key) }
            var isFolder: ObjCBool = false
            #expect(
                FileManager.default.fileExists(atPath: cache.url(for: key).path, isDirectory: &isFolder)
                    && isFolder.boolValue)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
        }
    }

    @Test("a reader polling the file always parses it while 4 writers replace it 200 times each")
    func concurrentReaderAlwaysParses() async throws {
        try await withTemporaryDirectory { root in
            let cache = CredentialCache(directory: root)
            try cache.write(Fixtures.credentials, for: key)
            let writersDone = SharedCounter()
            let writers = 4
            async let reader = onThread { () -> (reads: Int, failures: [String]) in
                var reads = 0
                var failures: [String] = []
                let deadline = Date().addingTimeInterval(120)
                while writersDone.value.load(ordering: .acquiring) < writers && Date() < deadline {
                    do throws(CacheError) {
                        if try cache.read(key) == nil { failures.append("file missing") }
                    } catch {
                        failures.append(error.code)
                    }
                    reads += 1
                }
                return (reads, failures)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        try await onThread {
                            defer { writersDone.value.add(1, ordering: .releasing) }
                            for round in 0..<200 {
                                var credentials = Fixtures.credentials
                                credentials.sessionToken = String(
                                    repeating: "w\(writer)", count: 1 + (round * 37) % 500)
                                if let displaced = try cache.replace(credentials, for: key) { unlink(displaced) }
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let (reads, failures) = try await reader
            #expect(reads > 10)
            #expect(failures.isEmpty, "\(failures.count) of \(reads) reads failed: \(Set(failures))")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
        }
    }
}
