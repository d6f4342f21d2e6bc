import ConfigureProfiles
import FileStore
import Foundation
import SSOConfig
import SessionActors
import Testing

@Suite("Profile generator: plan, names, prune, untouched bytes")
struct ProfileGeneratorTests {
    static let base = """
        # my own settings; keep this comment
        [profile mine]
        region = eu-west-1   ; trailing comment

        [sso-session corp]
        sso_start_url = https://x.awsapps.com/start
        sso_region = eu-west-1

        """

    @Test("new profiles are appended in name order with the marker; every earlier byte stays")
    func freshGeneration() throws {
        let document = try Fixtures.document(Self.base)
        let accounts = [
            Fixtures.account("111111111111", "Prod", roles: ["ReadOnly", "Admin"]),
            Fixtures.account("222222222222", "Dev Team", roles: ["Admin"]),
        ]
        let generator = ProfileGenerator(session: "corp", region: "us-east-1", outputFormat: "json")
        let plan = generator.plan(accounts: accounts, document: document)
        #expect(plan.additions.map(\.profile) == ["Dev-Team-Admin", "Prod-Admin", "Prod-ReadOnly"])
        #expect(plan.updates.isEmpty && plan.removals.isEmpty && plan.unchanged.isEmpty)
        let after = try plan.apply(to: document)
        #expect(
            Fixtures.text(after) == Self.base + """

                [profile Dev-Team-Admin]
                sso_session = corp
                sso_account_id = 222222222222
                sso_role_name = Admin
                region = us-east-1
                output = json
                multisso_generated = true

                [profile Prod-Admin]
                sso_session = corp
                sso_account_id = 111111111111
                sso_role_name = Admin
                region = us-east-1
                output = json
                multisso_generated = true

                [profile Prod-ReadOnly]
                sso_session = corp
                sso_account_id = 111111111111
                sso_role_name = ReadOnly
                region = us-east-1
                output = json
                multisso_generated = true

                """)
        let config = AWSConfigFile(
            document: after, file: Fixtures.file, environment: .sandbox(home: URL(fileURLWithPath: "/tmp")))
        let resolved = try config.ssoProfile(named: "Prod-ReadOnly")
        #expect(
            resolved.accountID == "111111111111" && resolved.roleName == "ReadOnly" && resolved.session.name == "corp")
        #expect(resolved.region == "us-east-1" && resolved.output == "json")
        #expect(generator.plan(accounts: accounts, document: after).isEmpty)
    }

    @Test("taken names get the account ID, then -2, -3; `default` is never generated")
    func collisions() throws {
        let document = try Fixtures.document(
            """
            [profile Prod-Admin]
            region = eu-west-1
            [profile 111111111111-Admin]
            output = text
            """)
        let accounts = [
            Fixtures.account("111111111111", "Prod", roles: ["Admin", "default"]),
            Fixtures.account("333333333333", "Prod", roles: ["Admin"]),
        ]
        let standard = ProfileGenerator(session: "corp").plan(accounts: accounts, document: document)
        #expect(
            Set(standard.additions.map(\.profile)) == [
                "Prod-Admin-111111111111", "Prod-Admin-333333333333", "Prod-default",
            ])
        let roleOnly = ProfileGenerator(session: "corp", template: try ProfileNameTemplate("{role_name}"))
            .plan(accounts: accounts, document: document)
        let byAssignment = Dictionary(
            uniqueKeysWithValues: roleOnly.additions.map { ("\($0.accountID)/\($0.roleName)", $0.profile) })
        #expect(
            byAssignment == [
                "111111111111/Admin": "Admin", "333333333333/Admin": "Admin-333333333333",
                "111111111111/default": "default-111111111111",
            ])
        let withID = ProfileGenerator(session: "corp", template: try ProfileNameTemplate("{account_id}-{role_name}"))
            .plan(accounts: accounts, document: document)
        #expect(withID.additions.map(\.profile).contains("111111111111-Admin-2"))
        // Names are stable: the same inputs in another order give the same plan.
        #expect(ProfileGenerator(session: "corp").plan(accounts: accounts.reversed(), document: document) == standard)
    }

    @Test("an assignment any profile of the session already covers gets no second profile")
    func existingCoverage() throws {
        let document = try Fixtures.document(
            """
            [profile my-prod]
            sso_session = corp
            sso_account_id = 111111111111
            sso_role_name = Admin
            region = eu-central-1
            [profile other-session]
            sso_session = elsewhere
            sso_account_id = 111111111111
            sso_role_name = ReadOnly
            """)
        let accounts = [Fixtures.account("111111111111", "Prod", roles: ["Admin", "ReadOnly"])]
        let plan = ProfileGenerator(session: "corp", region: "us-east-1").plan(accounts: accounts, document: document)
        #expect(plan.unchanged == ["my-prod"])
        #expect(plan.updates.isEmpty)  // the user's own profile keeps its region
        #expect(plan.additions.map(\.profile) == ["Prod-ReadOnly"])
    }

    @Test("prune removes only generated profiles of this session whose assignment went")
    func prune() throws {
        let text = """
            # header
            [profile gone-generated]
            sso_session = corp
            sso_account_id = 999999999999
            sso_role_name = Old
            multisso_generated = true

            # a comment between sections stays
            [profile gone-but-mine]
            sso_session = corp
            sso_account_id = 888888888888
            sso_role_name = Old

            [profile other-generated]
            sso_session = other
            sso_account_id = 777777777777
            sso_role_name = Old
            multisso_generated = TRUE

            [profile kept-generated]
            sso_session = corp
            sso_account_id = 111111111111
            sso_role_name = Admin
            multisso_generated = true
            """
        let document = try Fixtures.document(text)
        let accounts = [Fixtures.account("111111111111", "Prod", roles: ["Admin"])]
        let keep = ProfileGenerator(session: "corp").plan(accounts: accounts, document: document)
        #expect(keep.removals.isEmpty && keep.kept.map(\.profile) == ["gone-generated"] && keep.isEmpty)
        let pruning = ProfileGenerator(session: "corp", prune: true).plan(accounts: accounts, document: document)
        #expect(
            pruning.removals == [
                ProfilePlan.Stale(profile: "gone-generated", accountID: "999999999999", roleName: "Old")
            ])
        #expect(pruning.unchanged == ["kept-generated"] && pruning.additions.isEmpty)
        let after = try pruning.apply(to: document)
        let removed = """
            [profile gone-generated]
            sso_session = corp
            sso_account_id = 999999999999
            sso_role_name = Old
            multisso_generated = true


            """
        #expect(Fixtures.text(after) == text.replacingOccurrences(of: removed, with: ""))
    }

    @Test("--region and --output-format update generated profiles in place, not the user's")
    func updates() throws {
        let text = """
            [profile gen]
            sso_session = corp
            sso_account_id = 111111111111
            sso_role_name = Admin
            region   =   eu-west-1
            multisso_generated = true
            [profile mine]
            sso_session = corp
            sso_account_id = 111111111111
            sso_role_name = ReadOnly
            region = eu-west-1

            """
        let document = try Fixtures.document(text)
        let accounts = [Fixtures.account("111111111111", "Prod", roles: ["Admin", "ReadOnly"])]
        let plan = ProfileGenerator(session: "corp", region: "us-east-1", outputFormat: "yaml").plan(
            accounts: accounts, document: document)
        #expect(
            plan.updates == [
                ProfilePlan.Update(
                    profile: "gen",
                    changes: [
                        ProfilePlan.Change(key: "region", old: "eu-west-1", new: "us-east-1"),
                        ProfilePlan.Change(key: "output", old: nil, new: "yaml"),
                    ])
            ])
        #expect(plan.unchanged == ["mine"])
        let after = try plan.apply(to: document)
        // The changed value keeps its line's spacing; the new key follows the section's last key.
        #expect(
            Fixtures.text(after)
                == text
                .replacingOccurrences(of: "region   =   eu-west-1\n", with: "region   =   us-east-1\n")
                .replacingOccurrences(
                    of: "multisso_generated = true\n", with: "multisso_generated = true\noutput = yaml\n"))
    }

    @Test("appending keeps CRLF line breaks and a missing final line break")
    func lineEndings() throws {
        let crlf = try Fixtures.document("[profile a]\r\nregion = x\r\n")
        let appended = try crlf.appendingSections([(.profile("b c"), [("k", "v")])])
        #expect(Fixtures.text(appended) == "[profile a]\r\nregion = x\r\n\r\n[profile 'b c']\r\nk = v\r\n")
        let open = try Fixtures.document("[profile a]\nregion = x")
        #expect(
            Fixtures.text(try open.appendingSections([(.profile("b"), [("k", "v")])]))
                == "[profile a]\nregion = x\n\n[profile b]\nk = v")
        let empty = ConfigDocument(file: Fixtures.file)
        #expect(Fixtures.text(try empty.appendingSections([(.profile("b"), [("k", "v")])])) == "[profile b]\nk = v\n")
    }
}

@Suite("Removing many sections in one pass")
struct RemoveSectionsTests {
    static let texts = [
        "# top\n[profile a]\nk = 1\n\n# about b\n[profile b]\nk = 2\n  continued\n# trailing comment of b\n\n[profile c]\nk = 3\n\n\n",
        "[profile a]\r\nk = 1\r\n\r\n[profile b]\r\nk = 2\r\n\r\n[profile c]\r\nk = 3",
        "[profile a]\nk = 1\n[profile b]\n[profile x]\nk = 4\n\n[sso-session a]\nsso_region = x\n\n[profile c]\nk = 3\n",
    ]

    @Test("the one-pass cut gives the same bytes as removing the sections one by one", arguments: 0..<3)
    func sameAsOneByOne(index: Int) throws {
        let document = try Fixtures.document(Self.texts[index])
        let names = ["a", "b", "c"]
        for mask in 1..<(1 << names.count) {
            let ids = Set(names.indices.filter { mask & (1 << $0) != 0 }.map { SectionID.profile(names[$0]) })
            var oneByOne = document
            for id in ids { oneByOne.removeSection(id) }
            let batch = try document.removingSections(ids)
            #expect(
                Fixtures.text(batch) == Fixtures.text(oneByOne),
                "removing \(ids.map(\.name).sorted()) from text \(index)")
        }
    }
}
