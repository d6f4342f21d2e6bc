import SessionActors
import Testing

@Suite("Argument placeholders")
struct ArgumentTemplateTests {
    @Test("fills every placeholder and keeps each argument one argument")
    func fillsPlaceholders() throws {
        let template = try ArgumentTemplate([
            "--out", "reports/{profile}-{account_id}.json", "{role}@{region}", "plain", "",
        ])
        let target = ExecFixtures.target(9)
        #expect(try template.render(for: target) == [
            "--out", "reports/team-9-100000000009.json", "Role9@eu-west-1", "plain", "",
        ])
        #expect(template.usesPlaceholders)
        #expect(template.placeholders == [.profile, .accountID, .role, .region])
    }

    @Test("doubled braces are literal braces")
    func escapes() throws {
        let template = try ArgumentTemplate(["{{profile}}", "}}{profile}{{", "{{}}"])
        #expect(try template.render(for: ExecFixtures.target(1)) == ["{profile}", "}team-1{", "{}"])
        #expect(!(try ArgumentTemplate(["{{x}}"]).usesPlaceholders))
    }

    @Test("values are inert: shell syntax in a profile name stays data")
    func valuesAreInert() throws {
        var target = ExecFixtures.target(1)
        target.profile = "x; rm -rf / $(echo {role})"
        #expect(try ArgumentTemplate(["{profile}"]).render(for: target) == ["x; rm -rf / $(echo {role})"])
    }

    @Test("unknown, unterminated and unmatched placeholders are clear errors")
    func errors() {
        #expect(throws: ExecError.unknownPlaceholder(name: "acount_id", argument: "a-{acount_id}", argumentIndex: 1)) {
            try ArgumentTemplate(["ok", "a-{acount_id}"])
        }
        #expect(throws: ExecError.unterminatedPlaceholder(argument: "{profile", argumentIndex: 0)) {
            try ArgumentTemplate(["{profile"])
        }
        #expect(throws: ExecError.unmatchedClosingBrace(argument: "a}b", argumentIndex: 0)) {
            try ArgumentTemplate(["a}b"])
        }
        let message = ExecError.unknownPlaceholder(name: "acount_id", argument: "a-{acount_id}", argumentIndex: 1).description
        #expect(message.contains("{acount_id}") && message.contains("argument 2") && message.contains("{account_id}"))
    }

    @Test("{region} for a profile without a region names the profile")
    func missingRegion() throws {
        let template = try ArgumentTemplate(["{region}"])
        #expect(throws: ExecError.missingPlaceholderValue(placeholder: "region", profile: "team-4")) {
            try template.render(for: ExecFixtures.target(4, region: nil))
        }
    }
}
