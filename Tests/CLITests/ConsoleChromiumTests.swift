import Foundation
import SSOEmulator
import TestSupport
import Testing

/// A real browser: headless Chromium (Debian's `chromium`) opens the sign-in URL `multisso console`
/// printed, the emulator's federation endpoint signs it in and redirects, and Chromium lands on the
/// destination (the console's host mapped to the emulator's HTTPS listener and its stand-in pages).
@Suite("CLI console in headless Chromium")
struct ConsoleChromiumTests {
    static let chromium = "/usr/bin/chromium"

    @Test(
        "Chromium follows a sign-in URL to the destination page",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: chromium),
            "skipped: /usr/bin/chromium is absent (apt-get install chromium to run it)"))
    func chromiumFollowsSigninURL() async throws {
        try await CLISandbox.run(emulator: ConsoleCLITests.small) { sandbox in
            let profile = sandbox.profiles[3]
            let run = try await sandbox.multisso(
                ["console", "--profile", profile.name, "--service", "s3", "--url"], browser: true,
                environment: ConsoleCLITests.signin(sandbox))
            #expect(run.status == 0, "\(run)")
            let url = run.stdout.trimmingCharacters(in: .newlines)
            #expect(url.hasPrefix(sandbox.emulator.baseURL.absoluteString + "/federation?Action=login&"))
            // The console's host: a second emulator serving HTTPS with a throwaway certificate.
            var configuration = EmulatorConfiguration()
            configuration.tls = try ThrowawayCertificateAuthority(in: sandbox.folder).server
            let page = try await withEmulator(configuration) { console in
                let browser = try await sandbox.program(
                    Self.chromium,
                    [
                        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--ignore-certificate-errors",
                        "--user-data-dir=\(sandbox.folder.appendingPathComponent("chromium-profile").path)",
                        "--host-resolver-rules=MAP *.console.aws.amazon.com 127.0.0.1:\(console.port)",
                        "--dump-dom", url,
                    ])
                #expect(await console.stats().calls["ConsolePage"] == 1)
                return browser
            }
            #expect(page.stdout.contains("Console page of s3 in eu-west-1, served by the emulator."), "\(page)")
            let logins = try await sandbox.emulator.consoleLogins()
            #expect(logins.map(\.identity) == [ConsoleCLITests.identity(sandbox, profile)])
            #expect(logins.first?.destination == "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1")
        }
    }
}
