import FileStore
import Foundation
import SSOConfig
import Testing

@Suite("Endpoint overrides")
struct EndpointTests {
    static let config = """
        [profile plain]
        sso_session = s

        [profile global]
        endpoint_url = http://127.0.0.1:7000

        [profile with-services]
        services = emu
        endpoint_url = http://127.0.0.1:7000

        [profile oidc-only]
        services = half

        [profile ignoring]
        services = emu
        ignore_configured_endpoint_urls = TRUE

        [profile dangling]
        services = nowhere

        [profile empty-services]
        services = blank

        [profile bad-url]
        endpoint_url = localhost:4566

        [profile flat]
        services = flat

        [services emu]
        sso =
          endpoint_url = http://127.0.0.1:7001
        sso_oidc =
          endpoint_url = http://127.0.0.1:7002

        [services half]
        sso_oidc =
          endpoint_url = http://127.0.0.1:7003
          ENDPOINT_URL = http://ignored

        [services blank]

        [services flat]
        sso = http://127.0.0.1:7004

        """

    static func file(_ variables: [String: String] = [:]) throws -> AWSConfigFile {
        let document = try ConfigDocument(parsing: Data(config.utf8), file: sampleFile)
        return AWSConfigFile(
            document: document, file: sampleFile,
            environment: .sandbox(home: URL(fileURLWithPath: "/tmp/h"), variables: variables))
    }

    static func url(_ text: String) -> URL? { URL(string: text) }

    @Test("config: services section per client, then the profile's endpoint_url")
    func fromConfig() throws {
        let file = try Self.file()
        #expect(try file.endpoints(forProfile: "plain") == EndpointOverrides())
        #expect(
            try file.endpoints(forProfile: "global")
                == EndpointOverrides(oidc: Self.url("http://127.0.0.1:7000"), portal: Self.url("http://127.0.0.1:7000"))
        )
        #expect(
            try file.endpoints(forProfile: "with-services")
                == EndpointOverrides(oidc: Self.url("http://127.0.0.1:7002"), portal: Self.url("http://127.0.0.1:7001"))
        )
        #expect(
            try file.endpoints(forProfile: "oidc-only")
                == EndpointOverrides(oidc: Self.url("http://127.0.0.1:7003"), portal: nil))
        #expect(try file.endpoints(forProfile: "ignoring") == EndpointOverrides())
        #expect(try file.endpoints(forProfile: nil) == EndpointOverrides())
    }

    @Test("environment: the service variable, then AWS_ENDPOINT_URL, before any config")
    func fromEnvironment() throws {
        let file = try Self.file([
            "AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1:8001", "AWS_ENDPOINT_URL": "http://127.0.0.1:8000",
        ])
        let expected = EndpointOverrides(
            oidc: Self.url("http://127.0.0.1:8001"), portal: Self.url("http://127.0.0.1:8000"))
        #expect(try file.endpoints(forProfile: "with-services") == expected)
        #expect(try file.endpoints(forProfile: nil) == expected)
        // The environment wins before botocore ever looks at the missing services section.
        #expect(try file.endpoints(forProfile: "dangling") == expected)
        let portalOnly = try Self.file(["AWS_ENDPOINT_URL_SSO": "https://portal.example", "AWS_ENDPOINT_URL": ""])
        #expect(
            try portalOnly.endpoints(forProfile: "with-services")
                == EndpointOverrides(
                    oidc: Self.url("http://127.0.0.1:7002"), portal: Self.url("https://portal.example")))
    }

    @Test("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns everything off; set but not true, it also hides the config's flag")
    func ignoring() throws {
        let ignoring = try Self.file([
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true", "AWS_ENDPOINT_URL": "http://127.0.0.1:8000",
        ])
        #expect(try ignoring.endpoints(forProfile: "global") == EndpointOverrides())
        let notTrue = try Self.file(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "1"])
        #expect(
            try notTrue.endpoints(forProfile: "ignoring")
                == EndpointOverrides(oidc: Self.url("http://127.0.0.1:7002"), portal: Self.url("http://127.0.0.1:7001"))
        )
    }

    @Test(
        "a services name without a section, an empty section, a flat entry and a bad URL are errors with file and line")
    func errors() throws {
        let file = try Self.file()
        #expect(
            throws: ConfigError.servicesSectionMissing(
                profile: "dangling", services: "nowhere", file: sampleFile, line: 19)
        ) {
            try file.endpoints(forProfile: "dangling")
        }
        #expect(
            throws: ConfigError.servicesSectionMissing(
                profile: "empty-services", services: "blank", file: sampleFile, line: 22)
        ) {
            try file.endpoints(forProfile: "empty-services")
        }
        #expect(
            throws: ConfigError.servicesEntryNotSubsection(services: "flat", key: "sso", file: sampleFile, line: 44)
        ) {
            try file.endpoints(forProfile: "flat")
        }
        let bad = #expect(throws: ConfigError.self) { try file.endpoints(forProfile: "bad-url") }
        #expect(bad?.code == "invalid_endpoint_url")
        #expect(bad?.description.contains("\(sampleFile.path):25") == true)
        let message =
            "\(ConfigError.servicesSectionMissing(profile: "dangling", services: "nowhere", file: sampleFile, line: 19))"
        #expect(
            message.contains(
                #"The profile is configured to use the services section but the "nowhere" services configuration does not exist."#
            ))
        #expect(throws: ConfigError.profileNotFound(profile: "ghost", file: sampleFile)) {
            try file.endpoints(forProfile: "ghost")
        }
    }
}
