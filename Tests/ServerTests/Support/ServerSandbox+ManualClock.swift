import CredentialServer
import Foundation
import SSOEmulator
import TestSupport

@testable import SessionActors

extension ServerSandbox {
    /// A logged-in sandbox whose role credentials live `credentialTTL`, and a server for its profiles on
    /// a manual clock: `body` gets the emulator, the clock, and a GET of the first profile's URL with
    /// the server's token.
    static func withManualClockServer(
        credentialTTL: Duration,
        _ body: (RunningEmulator, ManualWallClock, () async throws -> ServerClient.Answer) async throws -> Void
    ) async throws {
        try await withEmulator(CredentialServerTests.emulatorConfiguration(credentialTTL: credentialTTL)) {
            emulator, sandbox in
            try await sandbox.logIn()
            let clock = ManualWallClock()
            let directory = try sandbox.directory(policy: .never, clock: clock.clock)
            let (token, secret) = newToken()
            try await withCredentialServer(try sandbox.configuration(directory, token: token), directory: directory) {
                server in
                try await ServerClient.with { client in
                    let url = server.url(forProfile: sandbox.profileNames[0])
                    try await body(emulator, clock) { try await ServerClient.get(client, url, token: secret) }
                }
            }
        }
    }
}
