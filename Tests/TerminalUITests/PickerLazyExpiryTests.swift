import AWSFormats
import FileStore
import Foundation
import SSOCache
import SSOConfig
import SessionActors
import TestSupport
import Testing

@testable import TerminalUI

/// The picker reads a row's cached credentials only when the row is shown, and reads the same
/// cache files the AWS CLI writes.
@Suite("Picker: time left looked up for the rows shown only")
struct PickerLazyExpiryTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the first frame reads the visible rows' expiry only; scrolling and filtering read each new row once")
    func visibleRowsOnly() {
        let entries = (0..<1_000).map { index in
            PickerEntry(
                profile: String(format: "team-%04d-admin", index), accountID: String(100_000_000_000 + index),
                roleName: "Admin", portal: "corp", expiresAt: nil)
        }
        var reads: [String] = []
        var model = ProfilePickerModel(entries: entries, history: PickHistory(), now: Self.now) { entry in
            reads.append(entry.profile)
            return Self.now.addingTimeInterval(7200)
        }
        let screen = PickerScreen(width: 80, height: 24, colour: false)
        #expect(reads.isEmpty)
        model.lookUpExpiry(screen.visible(model))
        let first = screen.lines(model)
        #expect(reads == (0..<15).map { String(format: "team-%04d-admin", $0) })
        #expect(first.dropFirst().allSatisfy { $0.hasSuffix("2h00m") }, "\(first)")
        model.lookUpExpiry(screen.visible(model))
        #expect(reads.count == 15)
        for _ in 0..<15 { model.moveDown() }
        model.lookUpExpiry(screen.visible(model))
        #expect(reads.count == 16 && reads.last == "team-0015-admin")
        var shown = Set((0..<16).map { entries[$0].profile })
        for byte in "0999".utf8 { model.type(byte) }
        model.lookUpExpiry(screen.visible(model))
        shown.formUnion(screen.visible(model).map { entries[$0].profile })
        #expect(model.selectedEntry?.profile == "team-0999-admin" && reads.contains("team-0999-admin"))
        #expect(Set(reads) == shown && reads.count < 40)
        #expect(screen.lines(model)[1].hasSuffix("2h00m"))
        #expect(Set(reads).count == reads.count)
    }

    @Test("rows come from the config's keys; the cache lookup finds sso-session and legacy profiles' files")
    func cacheFiles() throws {
        try withSandboxHome { sandbox in
            try sandbox.writeConfig(
                """
                [sso-session corp]
                sso_start_url = https://d-1.awsapps.com/start
                sso_region = eu-west-1

                [profile modern]
                sso_session = corp
                sso_account_id = 111111111111
                sso_role_name = Admin

                [profile legacy]
                sso_start_url = https://d-2.awsapps.com/start
                sso_region = us-east-1
                sso_account_id = 222222222222
                sso_role_name = ReadOnly

                [profile broken]
                sso_session = missing
                sso_account_id = 333333333333
                sso_role_name = Admin

                [profile plain]
                region = eu-west-1
                """)
            let environment = AWSEnvironment(
                home: sandbox.home, configFile: sandbox.configFile, ssoCacheDirectory: sandbox.ssoCache,
                cliCacheDirectory: sandbox.cliCache, variables: [:])
            let config = try AWSConfigFile.load(environment)
            let entries = PickerEntry.load(config: config, environment: environment)
            #expect(entries.map(\.profile) == ["modern", "legacy"])
            #expect(entries.map(\.portal) == ["corp", "https://d-2.awsapps.com/start"])
            let cache = CredentialCache(directory: sandbox.cliCache)
            for (index, entry) in entries.enumerated() {
                let profile = try config.ssoProfile(named: entry.profile)
                let credentials = RoleCredentials(
                    accessKeyID: "ASIAEXAMPLE", secretAccessKey: "SECRET-secret-key",
                    sessionToken: "SECRET-session-token",
                    expiration: Self.now.addingTimeInterval(Double(600 * (index + 1))), accountID: profile.accountID)
                try cache.write(credentials, for: CachedCredentialLookup.cacheKey(for: profile))
            }
            let expiry = PickerEntry.cachedExpiry(environment: environment)
            #expect(entries.map(expiry) == [Self.now.addingTimeInterval(600), Self.now.addingTimeInterval(1200)])
        }
    }
}
