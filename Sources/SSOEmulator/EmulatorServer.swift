import UnixSignals

/// Runs an emulator until the process gets SIGINT or SIGTERM: what the `sso-emulator` command does.
public enum EmulatorServer {
    /// - Parameters:
    ///   - configuration: the knobs, including the port (0: a free one).
    ///   - onListening: called once the server listens, e.g. to print the address and portals.
    /// - Throws: ``EmulatorError`` when the configuration is invalid or the port cannot be bound.
    public static func runUntilSignalled(
        _ configuration: EmulatorConfiguration,
        onListening: (RunningEmulator) async throws -> Void
    ) async throws {
        try await withEmulator(configuration) { running in
            let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
            try await onListening(running)
            for await _ in signals { break }
        }
    }
}
