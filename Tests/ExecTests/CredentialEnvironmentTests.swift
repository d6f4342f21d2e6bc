import AWSFormats
import Foundation
import ParallelExec
import SessionActors
import Testing

@Suite("Credential environment")
struct CredentialEnvironmentTests {
    @Test("sets the profile's variables and removes stale ones")
    func environmentForTarget() {
        let target = ExecFixtures.target(7)
        let environment = CredentialEnvironment.environment(base: ExecFixtures.baseEnvironment, for: target)
        #expect(environment == Self.expected(for: target))
    }

    @Test("keeps the parent's region when the profile has none")
    func regionKeptWhenProfileHasNone() {
        let target = ExecFixtures.target(3, region: nil)
        let environment = CredentialEnvironment.environment(base: ExecFixtures.baseEnvironment, for: target)
        #expect(environment["AWS_REGION"] == "us-east-2")
        #expect(environment["AWS_DEFAULT_REGION"] == "us-east-2")
        #expect(environment["AWS_ACCESS_KEY_ID"] == "ASIATEST3KEY")
    }

    @Test("with a credential server: the URL and token file instead of static keys; outer container variables removed")
    func serverEndpoint() {
        var target = ExecFixtures.target(5)
        target.server = ContainerCredentialsEndpoint(url: "http://127.0.0.1:9/profiles/p5", tokenFile: "/tmp/x/token")
        var base = ExecFixtures.baseEnvironment
        base["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "outer"
        base["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/outer"
        base["AWS_ACCESS_KEY_ID"] = "AKIAOUTER"
        let environment = CredentialEnvironment.environment(base: base, for: target)
        #expect(environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] == "http://127.0.0.1:9/profiles/p5")
        #expect(environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] == "/tmp/x/token")
        for name in [
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
            "AWS_CREDENTIAL_EXPIRATION", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        ] {
            #expect(environment[name] == nil, "\(name)")
        }
        #expect(environment["MULTISSO_PROFILE"] == target.profile)
        #expect(!environment.values.contains(target.credentials.secretAccessKey))
    }

    @Test("formats the expiration as YYYY-MM-DDTHH:MM:SSZ in UTC")
    func timestampFormat() {
        #expect(CacheTimestamp.format(ExecFixtures.expiration) == "2030-01-02T03:04:05Z")
        #expect(CacheTimestamp.format(Date(timeIntervalSince1970: 0.999)) == "1970-01-01T00:00:00Z")
        #expect(CacheTimestamp.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    @Test("the child sees exactly the expected environment (env -0)")
    func childSeesExactEnvironment() async throws {
        let target = ExecFixtures.target(42)
        let command = try ChildCommand(
            target: target, executable: "env", arguments: ArgumentTemplate(["-0"]),
            baseEnvironment: ExecFixtures.baseEnvironment
        )
        let result = try await ChildProcess.run(command, io: .collect(limit: 1 << 20))
        #expect(result.termination == .exited(0))
        #expect(ExecFixtures.parseEnvZero(result.standardOutput) == Self.expected(for: target))
    }

    @Test("descriptions never show the secret key or the session token")
    func descriptionsRedactSecrets() {
        let target = ExecFixtures.target(5)
        let text = "\(target) \(target.credentials)"
        #expect(!text.contains(target.credentials.secretAccessKey))
        #expect(!text.contains(target.credentials.sessionToken))
        #expect(!text.contains(target.credentials.accessKeyID))
        #expect(text.contains("team-5"))
    }

    /// The environment written out by hand from the rules, independently of the implementation.
    static func expected(for target: ExecTarget) -> [String: String] {
        [
            "PATH": "/usr/bin:/bin",
            "LANG": "C",
            "KEEP_ME": "kept value with spaces",
            "AWS_ACCESS_KEY_ID": target.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": target.credentials.secretAccessKey,
            "AWS_SESSION_TOKEN": target.credentials.sessionToken,
            "AWS_SECURITY_TOKEN": target.credentials.sessionToken,
            "AWS_CREDENTIAL_EXPIRATION": "2030-01-02T03:04:05Z",
            "AWS_SESSION_EXPIRATION": "2030-01-02T03:04:05Z",
            "AWS_REGION": "eu-west-1",
            "AWS_DEFAULT_REGION": "eu-west-1",
            "AWS_ACCOUNT_ID": target.accountID,
            "MULTISSO_PROFILE": target.profile,
        ]
    }
}
