import ConfigureProfiles
import SSOWire
import SessionActors
import Testing

@Suite("Profile names: sanitising and templates")
struct NamingTests {
    @Test(
        "sanitising keeps letters, digits, '-', '_' and '.', and turns the rest into single dashes",
        arguments: [
            ("Prod Account (EU)-AdministratorAccess", "Prod-Account-EU-AdministratorAccess"),
            ("  spaced   out  ", "spaced-out"),
            ("Café Crème", "Cafe-Creme"),
            ("--a--b--", "a-b"),
            ("a.b_c-d", "a.b_c-d"),
            (".hidden.", "hidden"),
            ("x/y\\z\"q'[r]=s;t#u", "x-y-z-q-r-s-t-u"),
            ("日本", "profile"),
            ("", "profile"),
        ])
    func sanitise(input: String, expected: String) {
        #expect(ProfileNameSanitizer.sanitize(input) == expected)
        #expect(ProfileNameSanitizer.isSanitized(expected))
    }

    @Test("a template fills in every placeholder and keeps escaped braces")
    func render() throws {
        let template = try ProfileNameTemplate("{sso_session}/{account_id}:{account_name}+{role_name} {email} {{x}}")
        let account = PortalAccount(
            accountID: "123456789012", accountName: "Prod", emailAddress: "p@example.com", roles: [])
        #expect(
            template.render(account: account, roleName: "Admin", session: "corp")
                == "corp/123456789012:Prod+Admin p@example.com {x}")
        #expect(template.uses(.accountID) && !ProfileNameTemplate.standard.uses(.accountID))
        #expect(
            ProfileNameTemplate.standard.render(account: account, roleName: "Admin", session: "corp") == "Prod-Admin")
    }

    @Test(
        "templates with unknown placeholders, unbalanced braces or no placeholder are refused",
        arguments: [
            "{account}-{role_name}", "{account_name", "account}", "static-name",
        ])
    func invalidTemplates(source: String) {
        #expect {
            try ProfileNameTemplate(source)
        } throws: { error in
            guard let error = error as? ConfigureError, case .invalidTemplate(let template, _) = error else {
                return false
            }
            return template == source && error.code == "invalid-template" && error.description.contains(source)
        }
    }
}
