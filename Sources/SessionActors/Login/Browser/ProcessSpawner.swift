import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts a program without waiting for it: stdin, stdout and stderr go to /dev/null, it gets its
/// own process group (so Ctrl-C in the terminal does not kill the browser), and a background
/// thread reaps it when it exits.
enum ProcessSpawner {
    /// Starts the program, retrying briefly while the executable is busy (`ETXTBSY`: another thread's
    /// fork still holds it open for writing, as happens right after a script was written).
    /// - Returns: whether the program was started.
    static func spawnDetached(executable: String, arguments: [String], environment: [String: String]) async -> Bool {
        for _ in 0..<20 {
            let status = spawnOnce(executable: executable, arguments: arguments, environment: environment)
            if status == 0 { return true }
            guard status == ETXTBSY else { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// - Returns: 0 on success, otherwise the `posix_spawn` error.
    private static func spawnOnce(executable: String, arguments: [String], environment: [String: String]) -> Int32 {
        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t?
            var attributes: posix_spawnattr_t?
        #else
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv + [nil], envp + [nil])
        guard status == 0, pid > 0 else { return status == 0 ? EINVAL : status }
        let child = pid
        let reaper = Thread {
            var exitStatus: Int32 = 0
            while waitpid(child, &exitStatus, 0) < 0 && errno == EINTR {}
        }
        reaper.name = "multisso-browser-reaper"
        reaper.start()
        return 0
    }
}
