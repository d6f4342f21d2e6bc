import FailureKinds
import Foundation
import SSOConfig
import SSOEmulator
import SSOWire
import TestSupport
import Testing

@testable import SessionActors

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `SessionDirectory.consoleLinks` against the emulator: credentials first, then one getSigninToken per
/// profile in parallel, and each link signs in its own identity exactly once.
@Suite("Console links")
struct ConsoleLinkTests {
    /// Follows a link without following its redirect: the status and the Location.
    static func follow(_ url: URL) async throws -> (status: Int, location: String?) {
        let session = URLSession(configuration: .ephemeral, delegate: RedirectRefuser(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let (_, response) = try await session.data(from: url)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, http.value(forHTTPHeaderField: "Location"))
    }

    static func query(_ url: URL, _ name: String) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
    }

    @Test("50 profiles: one login, 50 GetRoleCredentials, 50 getSigninToken, 50 distinct identities signed in")
    func fiftyProfiles() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 25
        configuration.latency = .milliseconds(20)
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let directory = try sandbox.directory()
            let profiles = try sandbox.profiles(directory)
            #expect(profiles.count == 50)
            let request = try ConsoleRequest(service: "s3", duration: "1h")
            let outcomes = await directory.consoleLinks(for: profiles, request: request)
            let links = try outcomes.map { try $0.result.get() }
            #expect(links.map(\.profile) == profiles.map(\.name))
            let stats = await emulator.stats()
            #expect(stats.calls["GetSigninToken"] == 50 && stats.calls["GetRoleCredentials"] == 50)
            #expect(stats.tokensIssued.values.reduce(0, +) == 1)
            let destination = "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1"
            for link in links {
                #expect(Self.query(link.url, "Destination") == destination)
                #expect(Self.query(link.url, "Issuer") == emulator.portals[0].startURL)
                #expect(!link.description.contains(Self.query(link.url, "SigninToken") ?? "-"))
                let followed = try await Self.follow(link.url)
                #expect(followed.status == 302 && followed.location == destination)
            }
            let logins = await emulator.consoleLogins()
            let expected = Set(profiles.map { "\(emulator.portals[0].name)/\($0.accountID)/\($0.roleName)" })
            #expect(logins.count == 50 && Set(logins.map(\.identity)) == expected)
            #expect(logins.allSatisfy { $0.sessionDuration == 3600 && $0.via == "federation" })
        }
    }

    @Test("--via portal: shortcut links from the start URL, with no request at all")
    func portalLinks() async throws {
        try await Sandbox.withEmulator { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig(perPortal: 2)
            let directory = try sandbox.directory()
            let profiles = try sandbox.profiles(directory)
            let request = try ConsoleRequest(via: .portal, region: "us-east-2")
            let links = try await directory.consoleLinks(for: profiles, request: request).map { try $0.result.get() }
            #expect(await emulator.stats().calls.isEmpty)
            let profile = profiles[1]
            let text = links[1].url.absoluteString
            let prefix = emulator.portals[0].startURL + "/#/console?"
            #expect(text.hasPrefix(prefix))
            let destination = "https://us-east-2.console.aws.amazon.com/console/home?region=us-east-2"
            let fragment = String(text.dropFirst(prefix.count))
            #expect(
                fragment
                    == PercentEncoding.query([
                        ("account_id", profile.accountID), ("role_name", profile.roleName),
                        ("destination", destination),
                    ]))
            let followed = try await Self.follow(
                try #require(URL(string: "\(emulator.baseURL)/start/console?\(fragment)")))
            #expect(followed.status == 302 && followed.location == destination)
        }
    }

    @Test("a sign-in the federation endpoint refuses fails that profile only, naming it and no secret")
    func refusedSignin() async throws {
        var configuration = EmulatorConfiguration()
        configuration.credentialTTL = .zero
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig(perPortal: 2)
            let directory = try sandbox.directory()
            let profiles = try sandbox.profiles(directory)
            let outcomes = await directory.consoleLinks(for: profiles, request: try ConsoleRequest())
            for (outcome, profile) in zip(outcomes, profiles) {
                guard case .failure(let error as ConsoleError) = outcome.result else {
                    Issue.record("expected a ConsoleError for \(profile.name), got \(outcome.result)")
                    continue
                }
                #expect(error.failureKind == .service)
                #expect(error.description.contains(profile.name) && error.description.contains("HTTP 400"))
                for secret in await emulator.issuedSecrets() { #expect(!error.description.contains(secret)) }
            }
            #expect(await emulator.consoleLogins().isEmpty)
        }
    }
}

final class RedirectRefuser: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
