import Foundation
import TestSupport
import Testing

@testable import SessionActors

#if os(Linux)
    @Suite("File change watcher (inotify)")
    struct FileChangeWatcherTests {
        /// Runs `body` with `targets` watched, each reported burst in the recorder.
        private func withWatcher(
            _ targets: [WatchTarget], _ body: (Recorder<Set<WatchTarget>>) async throws -> Void
        ) async throws {
            let changes = Recorder<Set<WatchTarget>>()
            try await FileChangeWatcher.with(targets, changed: changes.record) { watching in
                #expect(watching, "inotify is available on Linux")
                try await body(changes)
            }
        }

        private func write(_ text: String, to url: URL) throws {
            try Data(text.utf8).write(to: url)
        }

        @Test("an editor's rename over the config file is reported, once per burst")
        func renameOver() async throws {
            try await withTemporaryDirectory { root in
                let config = root.appendingPathComponent("config")
                try write("[default]\n", to: config)
                let target = WatchTarget(file: config)
                try await withWatcher([target]) { changes in
                    let temporary = root.appendingPathComponent(".config.swp")
                    try write("[default]\nregion = eu-west-1\n", to: temporary)
                    #expect(rename(temporary.path, config.path) == 0)
                    #expect(await changes.waitFor(timeout: .seconds(10)) { $0 == [target] })
                }
            }
        }

        @Test("a token file deleted from the cache (a logout) is reported")
        func delete() async throws {
            try await withTemporaryDirectory { root in
                let cache = root.appendingPathComponent("sso/cache")
                try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
                let token = cache.appendingPathComponent("0123abcd.json")
                try write("{}", to: token)
                let target = WatchTarget(folder: cache, suffix: ".json")
                try await withWatcher([target]) { changes in
                    try FileManager.default.removeItem(at: token)
                    #expect(await changes.waitFor(timeout: .seconds(10)) { $0.contains(target) })
                }
            }
        }

        @Test("folders that do not exist yet: watched from the nearest ancestor, then the file in them")
        func missingFolders() async throws {
            try await withTemporaryDirectory { root in
                let config = root.appendingPathComponent("home/.aws/config")
                let cache = root.appendingPathComponent("home/.aws/sso/cache")
                let targets = [WatchTarget(file: config), WatchTarget(folder: cache, suffix: ".json")]
                try await withWatcher(targets) { changes in
                    try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
                    try write("[default]\n", to: config)
                    #expect(await changes.waitFor(timeout: .seconds(10)) { $0.contains(targets[0]) })
                    // The cache folder is watched itself now: a token written there is reported.
                    try write("{}", to: cache.appendingPathComponent("feed.json"))
                    #expect(await changes.waitFor(timeout: .seconds(10)) { $0.contains(targets[1]) })
                }
            }
        }

        @Test("the cache folder removed and made again: each reported, and watched again")
        func folderRemoved() async throws {
            try await withTemporaryDirectory { root in
                let cache = root.appendingPathComponent("sso/cache")
                try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
                let target = WatchTarget(folder: cache, suffix: ".json")
                try await withWatcher([target]) { changes in
                    try FileManager.default.removeItem(at: cache)
                    #expect(await changes.waitFor(timeout: .seconds(10)) { $0.contains(target) })
                    let since = await changes.events.count
                    try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
                    try write("{}", to: cache.appendingPathComponent("beef.json"))
                    #expect(await changes.waitFor(since: since, timeout: .seconds(10)) { $0.contains(target) })
                }
            }
        }

        @Test("other entries in a watched folder are not reported")
        func unrelated() async throws {
            try await withTemporaryDirectory { root in
                let config = root.appendingPathComponent("config")
                let cache = root.appendingPathComponent("cache")
                try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
                let targets = [WatchTarget(file: config), WatchTarget(folder: cache, suffix: ".json")]
                try await withWatcher(targets) { changes in
                    try write("[x]\n", to: root.appendingPathComponent("credentials"))
                    try write("{}", to: cache.appendingPathComponent("token.tmp"))
                    // A change that is reported, after the others: what came before it must not name the config.
                    try write("{}", to: cache.appendingPathComponent("token.json"))
                    #expect(await changes.waitFor(timeout: .seconds(10)) { $0.contains(targets[1]) })
                    #expect(await changes.events.allSatisfy { !$0.contains(targets[0]) })
                }
            }
        }
    }

    @Suite("Wall-clock alarm (timerfd)")
    struct WallClockAlarmTests {
        @Test("armed at a wall-clock time, it wakes then; re-arming replaces the earlier time")
        func due() async throws {
            let wakes = Recorder<AgentWake>()
            try await WallClockAlarm.with(wake: wakes.record) { alarm in
                let alarm = try #require(alarm, "timerfd is available on Linux")
                #expect(alarm.followsWallClock)
                await alarm.arm(at: Date().addingTimeInterval(3600), now: Date())
                let armed = Date()
                await alarm.arm(at: armed.addingTimeInterval(0.3), now: armed)
                #expect(await wakes.waitFor(timeout: .seconds(10)) { $0 == .due })
                #expect(Date().timeIntervalSince(armed) >= 0.29, "not before its time")
            }
        }

        @Test("what a read of the timerfd means: an expiry, a clock set (ECANCELED), or nothing")
        func readings() {
            #expect(AlarmReading(readResult: 8, errorNumber: 0) == .due)
            #expect(AlarmReading(readResult: -1, errorNumber: ECANCELED) == .clockSet)
            #expect(AlarmReading(readResult: -1, errorNumber: ECANCELED).wake == .clockSet)
            #expect(AlarmReading(readResult: -1, errorNumber: EAGAIN) == .nothing)
            #expect(AlarmReading(readResult: -1, errorNumber: EAGAIN).wake == nil)
        }
    }
#endif

@Suite("File watcher bookkeeping")
struct WatchSetTests {
    @Test("the folder watched for a target is its own, or its deepest existing ancestor")
    func watchedFolder() {
        let target = WatchTarget(file: URL(fileURLWithPath: "/home/u/.aws/config"))
        #expect(target.watchedFolder { _ in true } == "/home/u/.aws")
        #expect(target.watchedFolder { $0 == "/home/u" || $0 == "/home" } == "/home/u")
        #expect(target.watchedFolder { _ in false } == "/")
        #expect(target.isOnTheWay(".aws", in: "/home/u"))
        #expect(!target.isOnTheWay(".ssh", in: "/home/u"))
        #expect(target.isOnTheWay("home", in: "/"))
    }

    @Test("events: the target's own entries change it; the next folder on the way re-plans; a lost queue changes all")
    func interpret() {
        let config = WatchTarget(file: URL(fileURLWithPath: "/h/.aws/config"))
        let cache = WatchTarget(folder: URL(fileURLWithPath: "/h/.aws/sso/cache"), suffix: ".json")
        var watches = WatchSet(targets: [config, cache])
        watches.added(1, folder: "/h/.aws")
        let bits = WatchSet.Bit.self
        var result = watches.interpret([InotifyEvent(watch: 1, mask: bits.movedTo, name: "config")])
        #expect(result.changed == [config] && !result.replan)
        result = watches.interpret([InotifyEvent(watch: 1, mask: bits.create, name: "sso")])
        #expect(result.changed.isEmpty && result.replan)
        result = watches.interpret([InotifyEvent(watch: 1, mask: bits.closeWrite, name: "credentials")])
        #expect(result.changed.isEmpty && !result.replan)
        result = watches.interpret([InotifyEvent(watch: 0, mask: bits.overflow, name: "")])
        #expect(result.changed == [config, cache] && result.replan)
        result = watches.interpret([InotifyEvent(watch: 1, mask: bits.ignored, name: "")])
        #expect(result.replan && watches.watched.isEmpty)
    }

    @Test("inotify records parsed, names without their padding")
    func parse() {
        var bytes: [UInt8] = []
        func record(_ watch: Int32, _ mask: UInt32, _ name: String, padded: Int) {
            withUnsafeBytes(of: watch.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: mask.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: UInt32(0)) { bytes += $0 }
            withUnsafeBytes(of: UInt32(padded).littleEndian) { bytes += $0 }
            bytes += Array(name.utf8) + Array(repeating: 0, count: padded - name.utf8.count)
        }
        record(3, 0x80, "config", padded: 16)
        record(4, 0x200, "", padded: 0)
        let events = bytes.withUnsafeBytes { InotifyEvent.parse($0) }
        #expect(
            events == [
                InotifyEvent(watch: 3, mask: 0x80, name: "config"), InotifyEvent(watch: 4, mask: 0x200, name: ""),
            ])
        #expect(bytes.dropLast(3).withUnsafeBytes { InotifyEvent.parse($0) }.count == 1, "a cut record is left")
    }
}
