import FileStore
import Foundation
import SSOEmulator
import TestSupport
import Testing

@testable import SessionActors

#if canImport(Glibc)
    import Glibc
#endif

/// The hourly refresh's writes: every credential file replaced through the one writer, the old files
/// reused as the next files' temporaries (a bounded number of new inodes), none left behind, even when
/// the refresh is cancelled half way.
@Suite("Refreshing every credential file: one writer, old files reused")
struct RefreshWriteTests {
    static func configuration() -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration()
        configuration.portals = 2
        configuration.accountsPerPortal = 75
        configuration.rolesPerAccount = 2
        configuration.latency = .milliseconds(5)
        return configuration
    }

    #if os(Linux)
        @Test("a forced refresh of 300 files replaces each, 0600, and allocates at most spareDepth new inodes")
        func refreshReusesInodes() async throws {
            try await Sandbox.withEmulator(Self.configuration()) { emulator, sandbox in
                var sandbox = sandbox
                try sandbox.writeConfig()
                let directory = try sandbox.directory()
                let profiles = try sandbox.profiles(directory)
                #expect(profiles.count == 300)
                #expect(await directory.warmUp(profiles).failedCount == 0)
                let folder = sandbox.environment.cliCacheDirectory
                let before = try Self.files(in: folder)
                #expect(before.count == 300)

                let report = await directory.warmUp(profiles, options: WarmUpOptions(forceRefresh: true))
                #expect(report.failedCount == 0)
                #expect(report.profiles.allSatisfy { !$0.fromCache })
                let after = try Self.files(in: folder)
                #expect(Set(after.keys) == Set(before.keys))
                let changed = after.filter { name, file in before[name]?.bytes != file.bytes }
                #expect(changed.count == 300, "every file replaced")
                #expect(after.values.allSatisfy { $0.mode == 0o600 })
                let oldInodes = Set(before.values.map(\.inode))
                let newInodes = after.values.filter { !oldInodes.contains($0.inode) }.count
                #expect(newInodes <= CredentialFileWriter.spareDepth, "\(newInodes) new inodes for 300 files")
                let problems = try sandbox.invalidCacheFiles()
                #expect(problems == [], "\(problems)")
            }
        }

        @Test("old files that readers hold open are never rewritten: the readers read them whole, none is left behind")
        func heldFilesNotReused() async throws {
            try await Sandbox.withEmulator(Self.configuration()) { emulator, sandbox in
                var sandbox = sandbox
                try sandbox.writeConfig()
                let directory = try sandbox.directory()
                let profiles = try sandbox.profiles(directory)
                #expect(await directory.warmUp(profiles).failedCount == 0)
                let folder = sandbox.environment.cliCacheDirectory
                let before = try Self.files(in: folder)
                let held = try before.keys.sorted().enumerated().filter { $0.offset % 2 == 0 }.map { _, name in
                    (name, try #require(FileHandle(forReadingAtPath: folder.appendingPathComponent(name).path)))
                }
                defer { for (_, handle) in held { try? handle.close() } }

                let report = await directory.warmUp(profiles, options: WarmUpOptions(forceRefresh: true))
                #expect(report.failedCount == 0)
                for (name, handle) in held {
                    let expected = before[name].map(\.bytes)
                    let read = try handle.readToEnd()
                    #expect(read == expected, "\(name) changed under its reader")
                }
                let after = try Self.files(in: folder)
                let unchanged = after.filter { name, file in before[name].map(\.bytes) == file.bytes }
                #expect(unchanged.isEmpty, "every file replaced")
                let problems = try sandbox.invalidCacheFiles()
                #expect(problems == [], "\(problems)")
            }
        }
    #endif

    @Test("cancelling a forced refresh half way leaves every cache file valid and no temporary file")
    func cancelRefreshHalfWay() async throws {
        try await Sandbox.withEmulator(Self.configuration()) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let first = try sandbox.directory()
            #expect(await first.warmUp(try sandbox.profiles(first)).failedCount == 0)
            let counter = EventCounter()
            let directory = try sandbox.directory { options in
                options.limiter = AdaptiveLimiter.Configuration(initialLimit: 16, maximumLimit: 16)
                options.events = ProgressSink { event in Task { await counter.record(event) } }
            }
            let profiles = try sandbox.profiles(directory)
            let refresh = Task { await directory.warmUp(profiles, options: WarmUpOptions(forceRefresh: true)) }
            await counter.onDone(at: profiles.count / 2) { refresh.cancel() }
            let report = await refresh.value
            let done = report.profiles.count { $0.succeeded }
            #expect(done >= profiles.count / 2)
            #expect(done < profiles.count, "the cancellation came too late to test anything")
            let problems = try sandbox.invalidCacheFiles()
            #expect(problems == [], "\(problems)")
        }
    }

    struct CacheFile: Equatable {
        var bytes: Data
        var inode: UInt64
        var mode: Int
    }

    /// The `.json` files of `folder` by name.
    static func files(in folder: URL) throws -> [String: CacheFile] {
        var files: [String: CacheFile] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") {
            let path = folder.appendingPathComponent(name).path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            files[name] = CacheFile(
                bytes: try Data(contentsOf: URL(fileURLWithPath: path)),
                inode: try #require(attributes[.systemFileNumber] as? UInt64),
                mode: try #require(attributes[.posixPermissions] as? Int))
        }
        return files
    }
}
