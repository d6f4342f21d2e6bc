import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `multisso login --use-device-code --no-browser`: the device code flow, shown on stderr, approved by
/// the emulator itself or by the test acting as the person (POST /_admin/approve with the printed code).
@Suite("CLI login (device code flow)")
struct DeviceCodeLoginTests {
    /// The user code multisso printed after "Then enter the code:".
    static func userCode(in text: String) -> String? {
        guard let match = text.firstMatch(of: /Then enter the code:\s+([A-Z]{4}-[A-Z]{4})\n/) else { return nil }
        return String(match.output.1)
    }

    @Test("device code login approved after a second prints the start URL, verification URL and user code")
    func autoApproved() async throws {
        let arguments = ["--portals", "1", "--accounts", "2", "--roles-per-account", "1", "--approve-after", "1"]
        try await CLISandbox.run(emulator: arguments, endpoints: .environment) { sandbox in
            let profile = sandbox.profiles[0]
            let result = try await sandbox.multisso([
                "login", "--profile", profile.name, "--use-device-code", "--no-browser",
            ])
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.contains("Logging in to \(profile.startURL)"), "\(result)")
            #expect(result.stderr.contains("\(sandbox.emulator.baseURL.absoluteString)/device"), "\(result)")
            #expect(Self.userCode(in: result.stderr) != nil, "no user code in: \(result.stderr)")
            #expect(result.stdout.isEmpty)
            let stats = try await sandbox.emulator.stats()
            #expect(stats.count(of: "StartDeviceAuthorization") == 1)
            #expect(stats.grants["device_code"] == 1 && stats.count(of: "Authorize") == 0, "\(stats)")
            #expect(try sandbox.cache.token(session: profile.session).startUrl == profile.startURL)
            #expect(try sandbox.cache.credentials(profile).Credentials.AccountId == profile.accountID)
        }
    }

    @Test("a device code approved at once is taken by the pre-check, before any prompt (as the AWS CLI does)")
    func preApproved() async throws {
        let arguments = ["--portals", "1", "--accounts", "1", "--roles-per-account", "1", "--auto-approve"]
        try await CLISandbox.run(emulator: arguments) { sandbox in
            let result = try await sandbox.multisso(["login", "--all", "--use-device-code", "--no-browser"])
            #expect(result.status == 0, "\(result)")
            #expect(Self.userCode(in: result.stderr) == nil, "\(result)")
            let stats = try await sandbox.emulator.stats()
            #expect(stats.grants["device_code"] == 1 && stats.count(of: "CreateToken") == 1, "\(stats)")
        }
    }

    @Test("manual approval: the test approves the user code multisso printed, and the login completes")
    func manuallyApproved() async throws {
        let arguments = ["--portals", "1", "--accounts", "1", "--roles-per-account", "1", "--poll-interval", "1"]
        try await CLISandbox.run(emulator: arguments) { sandbox in
            let profile = sandbox.profiles[0]
            let login = try sandbox.start(["login", "--profile", profile.name, "--use-device-code", "--no-browser"])
            var code: String?
            let printed = await ChildRun.eventually(timeout: .seconds(30)) {
                code = Self.userCode(in: login.stderrSoFar)
                return code != nil
            }
            guard printed, let code else {
                login.send(SIGKILL)
                Issue.record("no user code printed: \(await login.wait())")
                return
            }
            // Not approved yet: the login polls (the emulator, another process, has answered a poll with
            // AuthorizationPendingException), waits, and no token exists.
            let polled = await eventually(timeout: .seconds(30)) {
                ((try? await sandbox.emulator.stats())?.errors["AuthorizationPendingException"] ?? 0) >= 1
            }
            #expect(polled, "multisso did not poll while waiting")
            #expect(sandbox.cache.tokenFiles().isEmpty)
            #expect(try await sandbox.emulator.stats().grants["device_code"] == nil)
            #expect(try await sandbox.emulator.approve(userCode: code) == 200)
            let result = await login.wait(timeout: .seconds(60))
            #expect(result.status == 0, "\(result)")
            let stats = try await sandbox.emulator.stats()
            #expect(stats.grants["device_code"] == 1)
            #expect((stats.errors["AuthorizationPendingException"] ?? 0) >= 1, "multisso did not poll while waiting")
            #expect(try sandbox.cache.token(session: profile.session).startUrl == profile.startURL)
        }
    }

    @Test(
        "polling waits the interval from the first poll: approval after 4 s with a 3 s interval takes three CreateToken calls, none slowed down"
    )
    func pollsAtTheInterval() async throws {
        let arguments = [
            "--portals", "1", "--accounts", "1", "--roles-per-account", "1", "--poll-interval", "3",
            "--approve-after", "4",
        ]
        try await CLISandbox.run(emulator: arguments) { sandbox in
            let started = ContinuousClock.now
            let result = try await sandbox.multisso(["login", "--all", "--use-device-code", "--no-browser"])
            let elapsed = ContinuousClock.now - started
            #expect(result.status == 0, "\(result)")
            let stats = try await sandbox.emulator.stats()
            // The pre-check at 0 s, then 3 s and 6 s: never two polls closer than the interval.
            #expect((stats.calls["CreateToken"] ?? 0) <= 3, "\(stats)")
            #expect(stats.errors["SlowDownException"] == nil, "\(stats)")
            #expect(stats.grants["device_code"] == 1)
            #expect(elapsed < .seconds(10), "a slowed-down login takes 11 s or more: \(elapsed)")
        }
    }
}
