import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A pseudo-terminal pair for driving the interactive questions like a user at a keyboard: the
/// code under test uses `terminal` (a real TTY), the test types into and reads from `controller`.
final class PseudoTerminal: Sendable {
    let controller: Int32
    let terminal: Int32

    init() throws {
        let (controller, terminal) = try PTYFunctions.openPair()
        self.controller = controller
        self.terminal = terminal
    }

    deinit {
        close(terminal)
        close(controller)
    }

    /// Types bytes as if from the keyboard.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
    }

    /// Reads what was drawn on the terminal until `marker` appears (or `timeout` passes), sleeping
    /// between polls so the code under test keeps a thread to run on. The bound is generous: this
    /// process runs other suites at once, whose CPU-bound tests can hold both of a 2-core machine's
    /// pool threads for seconds before the code under test gets one to draw on.
    func readUntil(_ marker: String, timeout: Duration = .seconds(60)) async -> String {
        var collected: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if String(decoding: collected, as: UTF8.self).contains(marker) { break }
            var request = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 0) > 0 else {
                // Polling the terminal without holding a thread the code under test needs.
                try? await Task.sleep(for: .milliseconds(5))
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(controller, &buffer, buffer.count)
            if count > 0 {
                collected.append(contentsOf: buffer[0..<count])
            } else if count < 0 && (errno == EINTR || errno == EAGAIN) {
                continue
            } else {
                break
            }
        }
        return String(decoding: collected, as: UTF8.self)
    }

    /// The terminal's local flags (ICANON, ECHO, ISIG...), to check they were restored.
    var localFlags: tcflag_t {
        var settings = termios()
        tcgetattr(terminal, &settings)
        return settings.c_lflag
    }
}
