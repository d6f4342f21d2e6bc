import ParallelExec
import SessionActors
import Testing

@Suite("Argument placeholders")
struct ArgumentTemplateTests {
    @Test("fills every placeholder and keeps each argument one argument")
    func fillsPlaceholders() throws {
        let template = ArgumentTemplate([
            "--out", "reports/{profile}-{account_id}.json", "{role}@{region}", "plain", "",
        ])
        let target = ExecFixtures.target(9)
        #expect(
            try template.render(for: target) == [
                "--out", "reports/team-9-100000000009.json", "Role9@eu-west-1", "plain", "",
            ])
        #expect(template.usesPlaceholders)
        #expect(template.placeholders == [.profile, .accountID, .role, .region])
    }

    @Test("{{NAME}} is the literal {NAME} for a documented placeholder; other doubled braces are kept")
    func escapes() throws {
        let template = ArgumentTemplate(["{{profile}}", "}}{profile}{{", "{{}}", "{{.Name}}"])
        #expect(try template.render(for: ExecFixtures.target(1)) == ["{profile}", "}}team-1{{", "{{}}", "{{.Name}}"])
        #expect(!ArgumentTemplate(["{{x}}", "{{profile}}"]).usesPlaceholders)
    }

    @Test("braces that are not a documented placeholder pass through untouched: awk, jq, JSON, find, ${VAR}")
    func otherBracesPassThrough() throws {
        let arguments = [
            #"BEGIN{print "hi"}"#, "{}", #"print({"a":1})"#, "echo ${AWS_REGION:-x} ${region} $${profile}",
            "{acount_id}",
            "{profile", "a}b", "{ .[] | {name: .profile} }", "{region}{}",
        ]
        let rendered = try ArgumentTemplate(arguments).render(for: ExecFixtures.target(2))
        #expect(
            rendered == [
                #"BEGIN{print "hi"}"#, "{}", #"print({"a":1})"#, "echo ${AWS_REGION:-x} ${region} $${profile}",
                "{acount_id}",
                "{profile", "a}b", "{ .[] | {name: .profile} }", "eu-west-1{}",
            ])
        #expect(ArgumentTemplate(arguments).placeholders == [.region])
    }

    @Test("values are inert: shell syntax in a profile name stays data")
    func valuesAreInert() throws {
        var target = ExecFixtures.target(1)
        target.profile = "x; rm -rf / $(echo {role})"
        #expect(try ArgumentTemplate(["{profile}"]).render(for: target) == ["x; rm -rf / $(echo {role})"])
    }

    @Test("{region} for a profile without a region names the profile")
    func missingRegion() throws {
        let template = ArgumentTemplate(["{region}"])
        #expect(throws: ExecError.missingPlaceholderValue(placeholder: "region", profile: "team-4")) {
            try template.render(for: ExecFixtures.target(4, region: nil))
        }
    }
}
