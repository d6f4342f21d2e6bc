public import Foundation
public import SSOEmulator

/// A test's world for one running emulator, made in a fresh ``SandboxHome``: the concurrency, server and
/// reliability sandboxes conform, so each test gets both from one scoped call and nothing is left behind.
public protocol EmulatorSandbox: Sendable {
    init(home: SandboxHome, emulator: RunningEmulator) throws
}

extension EmulatorSandbox {
    /// Starts an emulator with `configuration` (and `clock`), makes a sandbox for it in a fresh HOME and
    /// runs `body`; the HOME is removed and the emulator stopped afterwards, whatever happens.
    public static func withEmulator<T: Sendable>(
        _ configuration: EmulatorConfiguration = .init(), clock: (@Sendable () -> Date)? = nil,
        _ body: (RunningEmulator, Self) async throws -> T
    ) async throws -> T {
        try await SSOEmulator.withEmulator(configuration, clock: clock) { emulator in
            try await withSandboxHome { home in try await body(emulator, try Self(home: home, emulator: emulator)) }
        }
    }
}
