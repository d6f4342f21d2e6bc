import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a child's standard streams go: by default stdin from /dev/null and stdout and stderr appended
/// to the run's files; any of them can be an open descriptor instead (a pseudo-terminal, an input file).
public struct ChildStreams: Sendable {
    public var input: Int32?
    public var output: Int32?
    public var error: Int32?

    public init(input: Int32? = nil, output: Int32? = nil, error: Int32? = nil) {
        self.input = input
        self.output = output
        self.error = error
    }

    /// /dev/null in, both outputs to the run's files.
    public static let files = ChildStreams()

    /// All three on a pseudo-terminal.
    public static func terminal(_ descriptor: Int32) -> ChildStreams {
        ChildStreams(input: descriptor, output: descriptor, error: descriptor)
    }
}

/// A child started with `posix_spawn`, in `directory`, with exactly `environment`; nothing else of the
/// test runner's descriptors leaks into it. The caller reaps it (`waitpid`). Foundation's `Process.run`
/// is not used: on Linux it crashed the parallel test runner while setting up children.
struct SpawnedChild {
    let pid: pid_t

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29) and the next one, which the Swift `Glibc` module does not declare.
    private typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34), likewise.
    private typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    private static func glibc<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let process = dlopen(nil, RTLD_NOW) else { return nil }
        defer { dlclose(process) }
        return dlsym(process, name).map { unsafeBitCast($0, to: type) }
    }

    struct SpawnFailed: Error, CustomStringConvertible {
        var what: String
        var code: Int32
        var description: String { "\(what): \(String(cString: strerror(code)))" }
    }

    init(
        executable: String, arguments: [String], environment: [String: String], directory: String,
        stdout: String, stderr: String, streams: ChildStreams
    ) throws {
        var opened: [Int32] = []
        defer { for fd in opened { close(fd) } }
        func descriptor(_ given: Int32?, _ path: String, _ flags: Int32) throws -> Int32 {
            if let given { return given }
            let fd = open(path, flags | O_CLOEXEC)
            guard fd >= 0 else { throw SpawnFailed(what: "open \(path)", code: errno) }
            opened.append(fd)
            return fd
        }
        let input = try descriptor(streams.input, "/dev/null", O_RDONLY)
        let output = try descriptor(streams.output, stdout, O_WRONLY | O_APPEND)
        let errors = try descriptor(streams.error, stderr, O_WRONLY | O_APPEND)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, errors, 2)
        guard let addChdir = Self.glibc("posix_spawn_file_actions_addchdir_np", as: AddChdir.self),
            addChdir(&actions, directory) == 0
        else { throw SpawnFailed(what: "posix_spawn_file_actions_addchdir_np", code: ENOSYS) }
        // Nothing of the test runner's (sockets, other children's pipes) may leak into the child.
        guard let addClosefrom = Self.glibc("posix_spawn_file_actions_addclosefrom_np", as: AddClosefrom.self),
            addClosefrom(&actions, 3) == 0
        else { throw SpawnFailed(what: "posix_spawn_file_actions_addclosefrom_np", code: ENOSYS) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, nil, argv, envp)
        guard result == 0 else { throw SpawnFailed(what: "posix_spawn \(executable)", code: result) }
        pid = child
    }
}
