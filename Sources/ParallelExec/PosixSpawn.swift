#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// What a spawned child's standard input, output and error are connected to.
enum SpawnStdio: Sendable {
    /// The given descriptors, as they are.
    case passthrough(input: Int32, output: Int32, error: Int32)
    /// Input from `/dev/null`; output and error into two new pipes read by the parent.
    case piped
}

/// A child just started by `PosixSpawn`: its PID and, for `.piped`, the parent's read ends.
struct SpawnedProcess: Sendable {
    var processID: Int32
    var pipes: [(fd: Int32, stream: ChildStream)]
}

/// Starts children with glibc's `posix_spawn`, which uses `clone(CLONE_VM|CLONE_VFORK)`: no copy
/// of this multi-threaded process's page tables per child, unlike a full `fork`.
///
/// The child gets an empty signal mask, every signal at its default action (the command line
/// ignores SIGPIPE, SIGINT and SIGTERM while it runs, and a child must not inherit that), its own
/// process group when asked, and no descriptor above 2.
enum PosixSpawn {
    /// Spawns `command` (the executable resolved by `ExecutableSearch`, the environment exactly as given).
    /// - Throws: `ExecError.executableNotFound` when no candidate could be executed (ENOENT,
    ///   EACCES or ENOTDIR for every one), `.launchFailed` for any other failure.
    static func spawn(_ command: ChildCommand, stdio: SpawnStdio, ownGroup: Bool) throws(ExecError) -> SpawnedProcess {
        let executable = command.executable
        try validate(command.environment, executable: executable)
        if let directory = command.workingDirectory { try checkWorkingDirectory(directory, executable: executable) }

        var childEnds: [Int32] = []
        var parentEnds: [(fd: Int32, stream: ChildStream)] = []
        defer { for fd in childEnds { close(fd) } }
        if case .piped = stdio {
            for stream in [ChildStream.standardOutput, .standardError] {
                guard let ends = makePipe() else {
                    let reason = String(cString: strerror(errno))
                    for end in parentEnds { close(end.fd) }
                    throw .launchFailed(executable: executable, reason: "cannot create a pipe: \(reason)")
                }
                parentEnds.append((ends.read, stream))
                childEnds.append(ends.write)
            }
        }

        // Closed by the child's exec (close-on-exec), which happens after the child has left our
        // memory: posix_spawn itself may return a moment earlier, while /proc still shows our argv.
        guard let execSignal = makePipe() else {
            let reason = String(cString: strerror(errno))
            for end in parentEnds { close(end.fd) }
            throw .launchFailed(executable: executable, reason: "cannot create a pipe: \(reason)")
        }
        var execSignalWrite: Int32? = execSignal.write
        defer {
            if let execSignalWrite { close(execSignalWrite) }
            close(execSignal.read)
        }

        let actions = UnsafeMutablePointer<posix_spawn_file_actions_t>.allocate(capacity: 1)
        let attributes = UnsafeMutablePointer<posix_spawnattr_t>.allocate(capacity: 1)
        posix_spawn_file_actions_init(actions)
        posix_spawnattr_init(attributes)
        defer {
            posix_spawn_file_actions_destroy(actions)
            posix_spawnattr_destroy(attributes)
            actions.deallocate()
            attributes.deallocate()
        }
        if let directory = command.workingDirectory {
            guard let addChdir = GlibcExtensions.addChdir, addChdir(actions, directory) == 0 else {
                for end in parentEnds { close(end.fd) }
                throw .launchFailed(executable: executable, reason: "cannot change to working directory \(directory)")
            }
        }
        switch stdio {
        case .passthrough(let input, let output, let error):
            posix_spawn_file_actions_adddup2(actions, input, 0)
            posix_spawn_file_actions_adddup2(actions, output, 1)
            posix_spawn_file_actions_adddup2(actions, error, 2)
        case .piped:
            posix_spawn_file_actions_addopen(actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(actions, childEnds[0], 1)
            posix_spawn_file_actions_adddup2(actions, childEnds[1], 2)
        }
        // No descriptor above 2 reaches the child, except the exec signal until the exec closes it.
        for fd in 3..<execSignal.write { posix_spawn_file_actions_addclose(actions, fd) }
        _ = GlibcExtensions.addClosefrom?(actions, execSignal.write + 1)

        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownGroup {
            flags |= POSIX_SPAWN_SETPGROUP
            posix_spawnattr_setpgroup(attributes, 0)
        }
        posix_spawnattr_setflags(attributes, Int16(flags))
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(attributes, &signals)

        let environment = CStringArray(command.environment.map { "\($0.key)=\($0.value)" })
        for candidate in ExecutableSearch.candidates(for: executable, environment: command.environment)
        where ExecutableSearch.isExecutableFile(candidate) {
            var processID: pid_t = 0
            let result = CStringArray([candidate] + command.arguments).withPointers { argv in
                environment.withPointers { envp in posix_spawn(&processID, candidate, actions, attributes, argv, envp) }
            }
            if result == 0 {
                close(execSignal.write)
                execSignalWrite = nil
                var byte: UInt8 = 0
                while read(execSignal.read, &byte, 1) < 0 && errno == EINTR {}
                return SpawnedProcess(processID: processID, pipes: parentEnds)
            }
            if [ENOENT, EACCES, ENOTDIR].contains(result) { continue }
            for end in parentEnds { close(end.fd) }
            throw .launchFailed(executable: executable, reason: String(cString: strerror(result)))
        }
        for end in parentEnds { close(end.fd) }
        throw .executableNotFound(executable: executable)
    }

    /// A close-on-exec pipe whose ends are above 2, so no file action aimed at 0, 1 or 2 can hit one.
    private static func makePipe() -> (read: Int32, write: Int32)? {
        var ends: [Int32] = [-1, -1]
        if let pipe2 = GlibcExtensions.pipe2 {
            guard pipe2(&ends, O_CLOEXEC) == 0 else { return nil }
        } else {
            guard pipe(&ends) == 0 else { return nil }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        for index in ends.indices where ends[index] < 3 {
            let moved = fcntl(ends[index], F_DUPFD_CLOEXEC, 3)
            close(ends[index])
            ends[index] = moved
        }
        guard ends[0] >= 0, ends[1] >= 0 else {
            for end in ends where end >= 0 { close(end) }
            return nil
        }
        return (ends[0], ends[1])
    }

    /// POSIX rules for names (no `=` or NUL, no leading digit) and values (no NUL).
    private static func validate(_ environment: [String: String], executable: String) throws(ExecError) {
        for (key, value) in environment {
            let bytes = key.utf8
            if bytes.contains(UInt8(ascii: "=")) || bytes.contains(0)
                || bytes.first.map({ (0x30...0x39).contains($0) }) == true
                || value.utf8.contains(0)
            {
                throw .launchFailed(executable: executable, reason: "invalid environment variable name \(key)")
            }
        }
    }

    /// Checked in the parent so a bad directory is reported as such, not as a missing executable.
    private static func checkWorkingDirectory(_ directory: String, executable: String) throws(ExecError) {
        var status = stat()
        let problem: Int32
        if stat(directory, &status) != 0 {
            problem = errno
        } else if (status.st_mode & numericCast(S_IFMT)) != numericCast(S_IFDIR) {
            problem = ENOTDIR
        } else if access(directory, X_OK) != 0 {
            problem = errno
        } else {
            return
        }
        throw .launchFailed(
            executable: executable,
            reason: "cannot change to working directory \(directory): \(String(cString: strerror(problem)))"
        )
    }
}

/// A NULL-terminated array of C strings (`argv`, `envp`), freed with the value.
private struct CStringArray: ~Copyable {
    private let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    func withPointers<Result>(_ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result) -> Result {
        pointers.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { preconditionFailure("never empty: it holds the terminator") }
            return body(base)
        }
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
