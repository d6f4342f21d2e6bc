import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes to the terminal: results to standard output, everything for the person (prompts, progress,
/// errors) to standard error, so that `--output json` and `export` stay machine-readable.
struct Console: Sendable {
    let colour: Bool
    let stderrIsTerminal: Bool
    let stdoutIsTerminal: Bool

    init(noColor: Bool, environment: [String: String]) {
        stderrIsTerminal = isatty(STDERR_FILENO) == 1
        stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        colour = !noColor && environment["NO_COLOR"] == nil && stderrIsTerminal && environment["TERM"] != "dumb"
    }

    /// Writes `text` to standard output as it is.
    func out(_ text: String) {
        Self.write(text, to: STDOUT_FILENO)
    }

    /// Writes a line to standard error.
    func err(_ line: String) {
        Self.write(line + "\n", to: STDERR_FILENO)
    }

    /// Wraps `text` in an ANSI style when colour is on.
    func styled(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Writes bytes already encoded (a JSON document) to standard output as they are.
    func out(bytes: Data) {
        bytes.withUnsafeBytes { Self.write($0, to: STDOUT_FILENO) }
    }

    static func write(_ text: String, to descriptor: Int32) {
        // From the string's own storage: `status` at 10,000 profiles writes a megabyte.
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(
                descriptor, bytes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0 + offset) },
                bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, pointer, count)
        #elseif canImport(Musl)
            Musl.write(descriptor, pointer, count)
        #else
            Darwin.write(descriptor, pointer, count)
        #endif
    }
}
