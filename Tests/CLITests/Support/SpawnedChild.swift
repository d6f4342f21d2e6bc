import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child started with `posix_spawn`: stdin from /dev/null, stdout and stderr appended to files, in
/// `directory`, with exactly `environment`. The caller reaps it (`waitpid`).
struct SpawnedChild {
    let pid: pid_t

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29) and the next one, which the Swift `Glibc` module does not declare.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
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
        stdout: String, stderr: String
    ) throws {
        let input = open("/dev/null", O_RDONLY | O_CLOEXEC)
        let output = open(stdout, O_WRONLY | O_APPEND | O_CLOEXEC)
        let errors = open(stderr, O_WRONLY | O_APPEND | O_CLOEXEC)
        defer { for fd in [input, output, errors] where fd >= 0 { close(fd) } }
        guard input >= 0, output >= 0, errors >= 0 else { throw SpawnFailed(what: "open", code: errno) }
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
