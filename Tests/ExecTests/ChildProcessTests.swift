import AWSFormats
import Foundation
import ParallelExec
import SessionActors
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Child process")
struct ChildProcessTests {
    static let environment = ["PATH": "/usr/bin:/bin"]

    static func shell(_ script: String, _ arguments: String...) -> ChildCommand {
        ChildCommand(executable: "/bin/sh", arguments: ["-c", script, "sh"] + arguments, environment: environment)
    }

    @Test("exit codes and signals come back as values")
    func terminationValues() async throws {
        #expect(try await ChildProcess.run(Self.shell("exit 0"), io: .collect(limit: 0)).termination == .exited(0))
        #expect(try await ChildProcess.run(Self.shell("exit 42"), io: .collect(limit: 0)).termination == .exited(42))
        let killed = try await ChildProcess.run(Self.shell("kill -9 $$"), io: .collect(limit: 0))
        #expect(killed.termination == .signalled(SIGKILL))
        #expect(killed.termination.exitStatus == 137)
    }

    @Test("PATH lookup uses the child's environment, not the parent's")
    func pathLookup() async throws {
        let found = try await ChildProcess.run(
            ChildCommand(executable: "true", arguments: [], environment: ["PATH": "/nonexistent:/bin:/usr/bin"]),
            io: .collect(limit: 0)
        )
        #expect(found.termination == .exited(0))
        await #expect(throws: ExecError.executableNotFound(executable: "true")) {
            try await ChildProcess.run(
                ChildCommand(executable: "true", arguments: [], environment: ["PATH": "/nonexistent"]),
                io: .collect(limit: 0)
            )
        }
    }

    @Test("lines from stdout and stderr arrive split and attributed, the last one without a newline too")
    func streamsLines() async throws {
        let collected = CollectingLines()
        let result = try await ChildProcess.run(
            Self.shell("printf 'a\\nb\\n'; printf 'e1\\n' >&2; printf 'tail'"),
            io: .lines { stream, lines in await collected.add(stream, lines) }
        )
        #expect(result.termination == .exited(0))
        #expect(await collected.lines[.standardOutput] == ["a", "b", "tail"])
        #expect(await collected.lines[.standardError] == ["e1"])
    }

    @Test("collected output respects the limit and says it was truncated")
    func collectLimit() async throws {
        let result = try await ChildProcess.run(Self.shell("printf 0123456789; printf err >&2"), io: .collect(limit: 4))
        #expect(result.standardOutput == Array("0123".utf8))
        #expect(result.standardError == Array("err".utf8))
        #expect(result.outputTruncated)
    }

    @Test("passthrough writes straight to the given descriptors and passes the exit status on")
    func passthrough() async throws {
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        let devNull = open("/dev/null", O_RDONLY)
        defer { close(devNull) }
        let result = try await ChildProcess.run(
            Self.shell("echo out; echo err >&2; exit 3"),
            io: .passthrough(input: devNull, output: pipeEnds[1], error: pipeEnds[1])
        )
        close(pipeEnds[1])
        let text = String(
            decoding: FileHandle(fileDescriptor: pipeEnds[0], closeOnDealloc: true).readDataToEndOfFile(), as: UTF8.self
        )
        #expect(result.termination == .exited(3))
        #expect(text == "out\nerr\n")
    }

    @Test("passthrough cancellation sends no second SIGINT: it waits, then sends SIGTERM")
    func passthroughTeardown() async throws {
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        defer { close(pipeEnds[0]) }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        let task = Task {
            try await ChildProcess.run(
                Self.shell(
                    "trap 'echo got-INT; exit 7' INT; trap 'echo got-TERM; exit 9' TERM; echo ready; while :; do sleep 0.1; done"
                ),
                io: .passthrough(input: readEnd, output: writeEnd, error: writeEnd),
                teardown: ChildTeardown(interruptGrace: .milliseconds(300), terminateGrace: .seconds(10))
            )
        }
        var seen = ""
        while !seen.contains("ready\n") {
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = read(readEnd, &buffer, buffer.count)
            if count <= 0 { break }
            seen += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        let clock = ContinuousClock()
        let cancelled = clock.now
        task.cancel()
        let result = try await task.value
        close(writeEnd)
        let rest = String(
            decoding: FileHandle(fileDescriptor: readEnd, closeOnDealloc: false).readDataToEndOfFile(), as: UTF8.self)
        #expect(result.termination == .exited(9))
        #expect(rest == "got-TERM\n")
        #expect(clock.now - cancelled >= .milliseconds(300))
    }

    @Test("no secret appears in the child's argv")
    func noSecretsInArguments() async throws {
        let target = ExecFixtures.target(11)
        let command = try ChildCommand(
            target: target, executable: "/bin/sh",
            arguments: ArgumentTemplate([
                "-c", "tr '\\0' '\\n' < /proc/$$/cmdline", "sh", "{profile}", "{account_id}", "{role}",
            ]),
            baseEnvironment: ExecFixtures.baseEnvironment
        )
        let recorder = ExecRecorder()
        let result = try await ChildProcess.run(command, io: .collect(limit: 1 << 16)) { pid in
            await recorder.started("self", pid)
        }
        let argv = String(decoding: result.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(
            argv == ["/bin/sh", "-c", "tr '\\0' '\\n' < /proc/$$/cmdline", "sh", "team-11", "100000000011", "Role11"])
        let seenByParent = await recorder.commandLines["self"] ?? []
        for text in argv + seenByParent {
            #expect(!text.contains(target.credentials.secretAccessKey))
            #expect(!text.contains(target.credentials.sessionToken))
            #expect(!text.contains(target.credentials.accessKeyID))
        }
    }

    @Test("cancellation sends SIGINT first: a child that handles it exits its own way")
    func interruptHandled() async throws {
        let feed = LineFeed()
        let task = Task {
            try await ChildProcess.run(
                Self.shell("trap 'echo got-INT; exit 7' INT; echo ready; while :; do sleep 0.1; done"),
                io: .lines(handler: feed.handler),
                teardown: ChildTeardown(interruptGrace: .seconds(60), terminateGrace: .seconds(60))
            )
        }
        await feed.waitFor("ready")
        let clock = ContinuousClock()
        let cancelled = clock.now
        task.cancel()
        let result = try await task.value
        #expect(result.termination == .exited(7))
        #expect(result.wasCancelled)
        // Far below the 60 s grace: SIGINT came first, not after a wait (the bound allows a loaded machine).
        #expect(clock.now - cancelled < .seconds(30))
    }

    @Test("SIGINT ignored: SIGTERM follows after the grace period")
    func escalatesToTerminate() async throws {
        let feed = LineFeed()
        let task = Task {
            try await ChildProcess.run(
                Self.shell("trap '' INT; trap 'echo got-TERM; exit 9' TERM; echo ready; while :; do sleep 0.1; done"),
                io: .lines(handler: feed.handler),
                teardown: ChildTeardown(interruptGrace: .milliseconds(400), terminateGrace: .seconds(60))
            )
        }
        await feed.waitFor("ready")
        let clock = ContinuousClock()
        let cancelled = clock.now
        task.cancel()
        let result = try await task.value
        let elapsed = clock.now - cancelled
        #expect(result.termination == .exited(9))
        #expect(elapsed >= .milliseconds(400))
        // SIGTERM after the 400 ms grace, far below the 60 s before SIGKILL (the bound allows a loaded machine).
        #expect(elapsed < .seconds(30))
    }

    @Test("SIGINT and SIGTERM ignored: SIGKILL ends the whole process group")
    func escalatesToKill() async throws {
        let feed = LineFeed()
        let task = Task {
            try await ChildProcess.run(
                Self.shell("trap '' INT TERM; sleep 30 & echo \"grandchild $!\"; echo ready; wait"),
                io: .lines(handler: feed.handler),
                teardown: ChildTeardown(interruptGrace: .milliseconds(200), terminateGrace: .milliseconds(300))
            )
        }
        let grandchild = await Self.waitForGrandchild(feed)
        task.cancel()
        let result = try await task.value
        #expect(result.termination == .signalled(SIGKILL))
        #expect(ProcessTable.members(ofGroups: [result.processID]).isEmpty)
        #expect(grandchild > 0 && !ProcessTable.isAlive(grandchild))
    }

    @Test("a grandchild that outlives its parent's SIGINT is still stopped")
    func grandchildCleanedUp() async throws {
        let feed = LineFeed()
        let task = Task {
            // A background job of a non-interactive shell ignores SIGINT; the shell itself dies of it.
            try await ChildProcess.run(
                Self.shell("sleep 30 & echo \"grandchild $!\"; echo ready; wait"),
                io: .lines(handler: feed.handler),
                teardown: ChildTeardown(interruptGrace: .seconds(5), terminateGrace: .seconds(5))
            )
        }
        let grandchild = await Self.waitForGrandchild(feed)
        #expect(grandchild > 0 && ProcessTable.isAlive(grandchild))
        task.cancel()
        let result = try await task.value
        #expect(result.termination == .signalled(SIGINT))
        #expect(ProcessTable.members(ofGroups: [result.processID]).isEmpty)
        #expect(!ProcessTable.isAlive(grandchild))
    }

    /// Reads lines until `grandchild PID` and `ready` have both been seen.
    static func waitForGrandchild(_ feed: LineFeed) async -> Int32 {
        var pid: Int32 = 0
        for await line in feed.stream {
            if line.hasPrefix("grandchild "), let value = Int32(line.dropFirst("grandchild ".count)) { pid = value }
            if line == "ready" { break }
        }
        return pid
    }
}

/// Lines per stream, in order.
actor CollectingLines {
    private(set) var lines: [ChildStream: [String]] = [:]

    func add(_ stream: ChildStream, _ batch: [[UInt8]]) {
        lines[stream, default: []].append(contentsOf: batch.map { String(decoding: $0, as: UTF8.self) })
    }
}
