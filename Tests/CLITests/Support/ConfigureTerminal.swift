import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A pseudo-terminal for driving `multisso configure` like a person at a keyboard: the child gets
/// `terminal` as standard input, output and error; the test types into `controller` and reads
/// everything the child drew, waiting for each expected piece in turn.
/// Not Sendable: one test task owns it.
final class ConfigureTerminal {
    let controller: Int32
    let terminal: Int32
    private(set) var transcript = ""
    private var cursor: String.Index

    init() throws {
        let (controller, terminal) = try PTYFunctions.openPair()
        self.controller = controller
        self.terminal = terminal
        cursor = transcript.startIndex
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

    /// Waits until `marker` appears after what earlier waits consumed, and returns the output from
    /// there up to and including the marker.
    /// - Throws: `Timeout` with the whole transcript when it does not appear in time.
    @discardableResult
    func waitFor(_ marker: String, timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let range = transcript[cursor...].range(of: marker) {
                let seen = String(transcript[cursor..<range.upperBound])
                cursor = range.upperBound
                return seen
            }
            guard ContinuousClock.now < deadline else { throw Timeout(marker: marker, transcript: transcript) }
            drain()
            // Polling the terminal: the child process's output sends no in-process event.
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Reads whatever the child has drawn so far.
    func drain() {
        while true {
            var request = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 0) > 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(controller, &buffer, buffer.count)
            guard count > 0 else { return }
            let offset = transcript.distance(from: transcript.startIndex, to: cursor)
            transcript += String(decoding: buffer[0..<count], as: UTF8.self)
            cursor = transcript.index(transcript.startIndex, offsetBy: offset)
        }
    }

    struct Timeout: Error, CustomStringConvertible {
        var marker: String
        var transcript: String
        var description: String { "\"\(marker)\" did not appear; the terminal showed:\n\(transcript)" }
    }
}
