/// Config files shaped like real ones (what `aws configure sso` writes, hand-edited files, generated
/// files), each with a quirk the parser and the writer must get exactly right.
enum ValidCorpus {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var description: String { name }
    }

    static let cliGenerated = Case(
        name: "cli-generated",
        text: """
            [default]
            region = us-east-1
            output = json

            [sso-session corp]
            sso_start_url = https://d-1234567890.awsapps.com/start
            sso_region = us-east-1
            sso_registration_scopes = sso:account:access

            [profile dev]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = AdministratorAccess
            region = eu-west-1
            output = json

            [profile prod-readonly]
            sso_session = corp
            sso_account_id = 444455556666
            sso_role_name = ReadOnly
            region = eu-central-1

            """)

    static let legacyAndComments = Case(
        name: "legacy-and-comments",
        text: """
            # AWS config of a team laptop
            ; managed by hand, keep sorted
            [profile legacy]
            sso_start_url = https://my-team.awsapps.com/start#/
            sso_region = us-west-2
            sso_account_id = 123456789012
            sso_role_name = PowerUser
            # region for the API calls
            region = us-west-2

            [profile keys]
            aws_access_key_id = AKIAEXAMPLEEXAMPLE
            aws_secret_access_key = not/a+real/secret
            region = us-east-1 # this is not a comment for botocore
            ;trailing comment

            """)

    static let oddSpacing = Case(
        name: "odd-spacing",
        text: """
            [default]
            region=us-east-1
            output :json
              cli_pager =
            \tcli_timestamp_format\t=\tiso8601   \u{20}
            [profile  spaced ]   ; junk after the header
            role_session_name = a=b=c
            sso_start_url= https://x.awsapps.com/start?a=1:2
            Sso_Region = US-EAST-1
            [profile z] extra ] text
            region = ap-south-1
            """)

    static let quotedNames = Case(
        name: "quoted-names",
        text: """
            [profile "team a"]
            sso_session = my corp
            sso_account_id = 111122223333
            sso_role_name = Dev

            [profile 'x y']
            region = us-east-1

            [profile "it's; $(rm -rf ~) | `id` & echo"]
            region = eu-west-1

            [sso-session "my corp"]
            sso_start_url = https://d-1.awsapps.com/start
            sso_region = eu-west-1

            [profile a\\ b]
            region = eu-north-1

            [profile "un"'usual']
            output = text

            """)

    static let services = Case(
        name: "services",
        text: """
            [profile emu]
            sso_session = emu
            sso_account_id = 000000000001
            sso_role_name = Admin
            services = local-emulator

            [services local-emulator]
            sso =
              endpoint_url = http://127.0.0.1:4000

              # a comment inside the block
              Other = value = with equals
            sso_oidc =
                endpoint_url = http://127.0.0.1:4001
                endpoint_url = http://127.0.0.1:4002
            s3 =
              addressing_style = path
            sqs = plain

            [sso-session emu]
            sso_start_url = https://d-0000000000.awsapps.com/start
            sso_region = us-east-1

            """)

    static let crlf = Case(
        name: "crlf",
        text:
            "[default]\r\nregion = us-east-1\r\n\r\n[profile w]\r\nsso_session = s\r\nsso_account_id = 1\r\nsso_role_name = R\r\n\r\n"
            + "[sso-session s]\r\nsso_start_url = https://s.awsapps.com/start\r\nsso_region = us-east-1\r\n")

    static let mixedEndings = Case(
        name: "mixed-endings",
        text:
            "[default]\nregion = us-east-1\r\noutput = json\r[profile m]\r\nregion = eu-west-1\n\r\n[profile n]\rregion = x\r"
    )

    static let noTrailingNewline = Case(
        name: "no-trailing-newline",
        text:
            "[default]\nregion = us-east-1\n\n[profile last]\nregion = eu-west-3")

    static let tabsAndUnicode = Case(
        name: "tabs-unicode",
        text:
            "[profile café]\n\tregion\t= eu-west-1\n\toutput = json\n[profile 日本]\nregion = ap-northeast-1 🚀\n"
            + "note = naïve\u{00A0}value\u{00A0}\n[profile e\u{301}]\nregion = decomposed\n[profile é]\nregion = composed\n"
            + "[empty]\n\u{3000}[profile wide-indent]\nregion = x\n")

    static let defaultsAndIgnored = Case(
        name: "defaults-and-ignored",
        text: """
            [DEFAULT]
            output = yaml
            [preview]
            cloudfront = true
            [profile a b]
            region = ignored
            [profiles plural]
            region = counted-as-profile
            [profile "unclosed]
            region = dropped
            [default]
            region = us-east-1
            [profile default]
            region = overrides-default
            [sso-session]
            sso_region = dropped

            """)

    static let multilineValues = Case(
        name: "multiline-values",
        text: """
            [profile ml]
            description = first line
                second line

                after a blank
            # comment between
                after a comment
            region = us-east-1
              [profile not-a-header]
            output = json
            empty =
            next = 1
            """)

    static let empty = Case(name: "empty", text: "")
    static let onlyComments = Case(name: "only-comments", text: "# nothing here\n\n; really\n   \n")
    static let blankFirstLines = Case(name: "blank-first-lines", text: "\n\n   \n[default]\nregion = x\n\n\n")

    static let all: [Case] = [
        cliGenerated, legacyAndComments, oddSpacing, quotedNames, services, crlf, mixedEndings, noTrailingNewline,
        tabsAndUnicode, defaultsAndIgnored, multilineValues, empty, onlyComments, blankFirstLines,
    ]
}
