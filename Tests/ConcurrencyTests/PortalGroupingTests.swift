import FileStore
import Foundation
import SSOConfig
import SSOWire
import Testing

@testable import SessionActors

/// Which sessions share a portal when a caller already resolved some profiles (the warm-up and
/// `status` hand theirs to the directory) against the grouping of every resolvable profile of the file:
/// the same sessions, in the same order, however many profiles were handed over and in what order.
@Suite("Portal grouping")
struct PortalGroupingTests {
    /// Sessions and legacy profiles that share logins in every way the key allows, an OIDC override
    /// from a `[services]` section, a profile that does not resolve and a role chain over an SSO profile.
    static let config = """
        [sso-session a]
        sso_start_url = https://one.awsapps.com/start
        sso_region = us-east-1

        [sso-session b]
        sso_start_url = https://one.awsapps.com/start
        sso_region = us-east-1

        [sso-session scoped]
        sso_start_url = https://one.awsapps.com/start
        sso_region = us-east-1
        sso_registration_scopes = sso:account:access

        [sso-session other]
        sso_start_url = https://two.awsapps.com/start
        sso_region = eu-west-1

        [services local]
        sso_oidc =
          endpoint_url = https://oidc.example.test

        [profile p-b]
        sso_session = b
        sso_account_id = 111111111111
        sso_role_name = Admin

        [profile legacy]
        sso_start_url = https://one.awsapps.com/start
        sso_region = us-east-1
        sso_account_id = 222222222222
        sso_role_name = Admin

        [profile p-a]
        sso_session = a
        sso_account_id = 333333333333
        sso_role_name = Admin

        [profile p-scoped]
        sso_session = scoped
        sso_account_id = 444444444444
        sso_role_name = Admin

        [profile p-other]
        sso_session = other
        sso_account_id = 555555555555
        sso_role_name = Admin

        [profile p-local]
        sso_session = a
        sso_account_id = 666666666666
        sso_role_name = Admin
        services = local

        [profile legacy-two]
        sso_start_url = https://two.awsapps.com/start
        sso_region = eu-west-1
        sso_account_id = 777777777777
        sso_role_name = Admin

        [profile broken]
        sso_session = a
        sso_account_id = 888888888888

        [profile chained]
        sso_session = b
        sso_account_id = 999999999999
        sso_role_name = Admin
        role_arn = arn:aws:iam::999999999999:role/Next

        [profile p-a-again]
        sso_session = a
        sso_account_id = 101010101010
        sso_role_name = ReadOnly

        """

    static func load() throws -> AWSConfigFile {
        let home = URL(fileURLWithPath: "/nonexistent-home-\(UUID().uuidString)")
        let file = home.appendingPathComponent(".aws/config")
        return AWSConfigFile(
            document: try ConfigDocument(parsing: Array(config.utf8), file: file), file: file,
            environment: AWSEnvironment.sandbox(home: home))
    }

    /// The sessions of each profile's portal as grouping every resolvable profile of the file gives
    /// them: named sessions first, then profiles in file order, each (session, OIDC) once per key.
    static func expected(_ config: AWSConfigFile, leader: SSOProfile) -> [SSOSessionSettings] {
        var groups: [PortalKey: [SSOSessionSettings]] = [:]
        func add(_ session: SSOSessionSettings, oidc: URL?) {
            let key = PortalKey(session: session, oidcEndpoint: oidc ?? SSOEndpoints.oidc(region: session.region))
            if !(groups[key]?.contains(session) ?? false) { groups[key, default: []].append(session) }
        }
        for name in config.ssoSessionNames {
            if let session = try? config.ssoSession(named: name) { add(session, oidc: nil) }
        }
        for profile in config.resolvableSSOProfiles { add(profile.session, oidc: profile.endpoints.oidc) }
        let oidc = leader.endpoints.oidc ?? SSOEndpoints.oidc(region: leader.session.region)
        let sharing = groups[PortalKey(session: leader.session, oidcEndpoint: oidc)] ?? []
        return [leader.session] + sharing.filter { $0 != leader.session }
    }

    static func directory(_ config: AWSConfigFile) -> SessionDirectory {
        SessionDirectory(
            environment: config.environment, config: config, options: SessionOptions(presenter: FollowingPresenter()))
    }

    @Test("handed-over profiles, all, some, none or out of order, group as the whole file does")
    func grouping() async throws {
        let config = try Self.load()
        let profiles = config.resolvableSSOProfiles
        #expect(profiles.count == 9)
        let handOvers: [[SSOProfile]] = [
            [], profiles, Array(profiles.reversed()), Array(profiles.prefix(3)),
            profiles.filter { $0.name != "legacy" },
            [profiles[4], profiles[1]],
        ]
        for handOver in handOvers {
            // Each profile leading its portal, and in file order after one lookup of every profile.
            for leader in profiles {
                let directory = Self.directory(config)
                await directory.remember(handOver)
                let portal = await directory.portal(for: leader)
                #expect(
                    portal.sessions == Self.expected(config, leader: leader),
                    "\(leader.name) after \(handOver.map(\.name))")
                for profile in profiles {
                    let again = await directory.portal(for: profile)
                    let key = PortalKey(
                        session: profile.session,
                        oidcEndpoint: profile.endpoints.oidc ?? SSOEndpoints.oidc(region: profile.session.region))
                    #expect(again.key == key, "\(profile.name)")
                    #expect((again === portal) == (key == portal.key), "\(profile.name)")
                }
            }
        }
    }

    @Test("the same session and OIDC override give the same portal, in any order of lookups")
    func lookups() async throws {
        let config = try Self.load()
        let profiles = config.resolvableSSOProfiles
        let directory = Self.directory(config)
        var seen: [PortalKey: ObjectIdentifier] = [:]
        for profile in profiles + profiles.reversed() + profiles.shuffled() {
            let portal = await directory.portal(for: profile)
            #expect(seen[portal.key, default: ObjectIdentifier(portal)] == ObjectIdentifier(portal))
            seen[portal.key] = ObjectIdentifier(portal)
        }
        // a, b and the legacy profile share one login; scopes, a region or an OIDC override make others.
        #expect(seen.count == 4)
    }
}
