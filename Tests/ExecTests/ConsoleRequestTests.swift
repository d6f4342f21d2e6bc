import FileStore
import Foundation
import SSOConfig
import SSOWire
import TestSupport
import Testing

@testable import SessionActors

/// The checks `multisso console` makes before any request: durations, destinations per partition,
/// partitions' endpoints, browser templates, and the `signin` endpoint override.
@Suite("Console request")
struct ConsoleRequestTests {
    static func profile(region: String?, ssoRegion: String = "us-east-1", name: String = "prod") -> SSOProfile {
        SSOProfile(
            name: name,
            session: SSOSessionSettings(
                name: "corp", startURL: "https://d-1234567890.awsapps.com/start/", region: ssoRegion,
                registrationScopes: nil, useDeviceCode: false),
            accountID: "111122223333", roleName: "Admin", region: region, output: nil, endpoints: EndpointOverrides(),
            file: URL(fileURLWithPath: "/tmp/config"), line: 1)
    }

    @Test("durations: seconds or s/m/h, 15 minutes to 12 hours")
    func durations() throws {
        #expect(try ConsoleRequest.seconds("900") == 900)
        #expect(try ConsoleRequest.seconds("45m") == 2700)
        #expect(try ConsoleRequest.seconds("12h") == 43_200)
        for bad in ["899", "14m", "13h", "", "h", "1.5h", "-900", "1h30m", "99999999999999999999"] {
            #expect(throws: ConsoleError.invalidDuration(bad)) { try ConsoleRequest.seconds(bad) }
        }
    }

    @Test("destinations: service and region pages per partition; --destination must be the partition's console")
    func destinations() throws {
        let commercial = Self.profile(region: "eu-west-1")
        #expect(
            try ConsoleRequest().destination(for: commercial).absoluteString
                == "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1")
        #expect(
            try ConsoleRequest().destination(for: Self.profile(region: nil)).absoluteString
                == "https://console.aws.amazon.com/console/home")
        #expect(
            try ConsoleRequest(service: "ec2", region: "us-gov-west-1").destination(for: commercial).absoluteString
                == "https://console.amazonaws-us-gov.com/ec2/home?region=us-gov-west-1")
        #expect(
            try ConsoleRequest(service: "s3").destination(for: Self.profile(region: "cn-north-1")).absoluteString
                == "https://console.amazonaws.cn/s3/home?region=cn-north-1")
        let cloudwatch = "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:"
        #expect(try ConsoleRequest(destination: cloudwatch).destination(for: commercial).absoluteString == cloudwatch)
        let gov = Self.profile(region: nil, ssoRegion: "us-gov-west-1")
        #expect(throws: ConsoleError.self) { try ConsoleRequest(destination: cloudwatch).destination(for: gov) }
        for foreign in [
            "https://console.aws.amazon.com.evil.example/", "https://evilconsole.aws.amazon.com/",
            "https://user@console.aws.amazon.com/",
        ] {
            #expect(throws: ConsoleError.self) { try ConsoleRequest(destination: foreign).destination(for: commercial) }
        }
        #expect(throws: ConsoleError.invalidDestination("http://console.aws.amazon.com/")) {
            try ConsoleRequest(destination: "http://console.aws.amazon.com/")
        }
        #expect(throws: ConsoleError.invalidService("s3/../x")) { try ConsoleRequest(service: "s3/../x") }
        #expect(throws: ConsoleError.self) { try ConsoleRequest().destination(for: Self.profile(region: "eu west")) }
    }

    @Test("partitions: federation endpoints and console hosts")
    func partitions() {
        #expect(
            ConsolePartition(region: "eu-west-1").federationEndpoint.absoluteString
                == "https://signin.aws.amazon.com/federation")
        #expect(
            ConsolePartition(region: "us-gov-east-1").federationEndpoint.absoluteString
                == "https://signin.amazonaws-us-gov.com/federation")
        #expect(
            ConsolePartition(region: "cn-northwest-1").federationEndpoint.absoluteString
                == "https://signin.amazonaws.cn/federation")
        #expect(
            FederationClient.endpoint(underBase: URL(string: "http://127.0.0.1:9/base/")!).absoluteString
                == "http://127.0.0.1:9/base/federation")
    }

    @Test("portal shortcut links: start URL, account, role and destination, nothing secret")
    func shortcut() throws {
        let url = PortalShortcut.url(
            for: Self.profile(region: nil), destination: URL(string: "https://console.aws.amazon.com/s3/home")!)
        #expect(
            url.absoluteString
                == "https://d-1234567890.awsapps.com/start/#/console?account_id=111122223333&role_name=Admin"
                + "&destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2Fhome")
    }

    @Test("browser templates: placeholders stay inside their word; without {url} the URL comes last")
    func templates() throws {
        let name = #"x; $(touch pwned) `id` | & "q" 'r' {url}"#
        let link = ConsoleLink(
            profile: Self.profile(region: nil, name: name), via: .federation,
            url: URL(string: "https://example.com/?a=b&c")!)
        let template = try ConsoleBrowserTemplate(
            #"chromium "--user-data-dir=/tmp/ms/{profile}" --new-window {url} {{{account_id}}}-{role_name}"#,
            source: "--browser")
        #expect(
            template.arguments(for: link) == [
                "chromium", "--user-data-dir=/tmp/ms/\(name)", "--new-window", "https://example.com/?a=b&c",
                "{111122223333}-Admin",
            ])
        #expect(
            try ConsoleBrowserTemplate("firefox ext+container:name={profile}&url={url_encoded}", source: "--browser")
                .arguments(for: link) == [
                    "firefox", "ext+container:name=\(name)&url=https%3A%2F%2Fexample.com%2F%3Fa%3Db%26c",
                ])
        #expect(
            try ConsoleBrowserTemplate("firefox", source: "--browser").arguments(for: link)
                == ["firefox", "https://example.com/?a=b&c"])
        for bad in ["", "firefox {nope}", "firefox {url", "firefox url}", "firefox 'open"] {
            #expect(throws: ConsoleError.self) { try ConsoleBrowserTemplate(bad, source: "--browser") }
        }
    }

    @Test("the signin endpoint: AWS_ENDPOINT_URL_SIGNIN, [services] signin, ignored when configured endpoints are")
    func signinOverride() throws {
        try withSandboxHome { sandbox in
            let home = sandbox.home
            try """
            [profile a]
            services = local
            [profile b]
            ignore_configured_endpoint_urls = true
            services = local
            [services local]
            signin =
              endpoint_url = http://127.0.0.1:4566
            sso =
              endpoint_url = http://127.0.0.1:1

            """.write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
            let config = try AWSConfigFile.load(AWSEnvironment.sandbox(home: home))
            #expect(try config.signinEndpoint(forProfile: "a")?.absoluteString == "http://127.0.0.1:4566")
            #expect(try config.signinEndpoint(forProfile: "b") == nil)
            let variable = try AWSConfigFile.load(
                AWSEnvironment.sandbox(home: home, variables: ["AWS_ENDPOINT_URL_SIGNIN": "https://signin.test"]))
            #expect(try variable.signinEndpoint(forProfile: "a")?.absoluteString == "https://signin.test")
            #expect(try variable.signinEndpoint(forProfile: nil)?.absoluteString == "https://signin.test")
        }
    }
}
