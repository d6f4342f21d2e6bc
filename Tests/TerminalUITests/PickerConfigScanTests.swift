import FileStore
import Foundation
import SSOConfig
import SessionActors
import Testing

@testable import TerminalUI

/// The quick scan that draws the picker's first frame gives the rows the full read gives, or
/// nothing when the config needs botocore's full rules.
@Suite("Picker: the first frame's quick scan of the config")
struct PickerConfigScanTests {
    static let common = """
        [default]
        region = eu-west-1

        # a comment
        [sso-session corp]
        sso_start_url = https://d-1.awsapps.com/start
        SSO_Region: eu-west-1

        [profile prod-admin]
        sso_session = corp
        sso_account_id = 111111111111
        sso_role_name = Admin
        region = eu-west-1

        [profile plain]
        aws_access_key_id = AKIAEXAMPLE

        [profile dev-readonly]
        sso_session=corp
        sso_account_id=222222222222
        sso_role_name=ReadOnly
        """

    @Test("the common shape gives the full read's rows, in config order")
    func sameRowsAsFullRead() throws {
        let file = URL(fileURLWithPath: "/nonexistent/config")
        let quick = try #require(PickerConfigScan.entries(Array(Self.common.utf8)))
        let environment = AWSEnvironment(variables: [:])
        let config = AWSConfigFile(
            document: try ConfigDocument(parsing: Data(Self.common.utf8), file: file), file: file,
            environment: environment)
        #expect(quick == PickerEntry.load(config: config, environment: environment))
        #expect(quick.map(\.profile) == ["prod-admin", "dev-readonly"])
    }

    @Test(
        "shapes that need the full rules give nil",
        arguments: [
            "[DEFAULT]\nsso_session = corp\n",
            "[profile \"my team\"]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\n",
            "[profile legacy]\nsso_start_url = https://x/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = r\n",
            "[profile a]\nsso_session = missing\nsso_account_id = 1\nsso_role_name = r\n",
            "[profile a]\nsso_session = corp\nsso_account_id = 1\n  continued\nsso_role_name = r\n",
            "[profile a]\r\nsso_session = corp\r\n",
            "[profile é]\nsso_session = corp\n",
            "[profile a b]\nsso_session = corp\n",
            "[profile plain]\nregion = eu-west-1\n",
            "[services local]\nsso =\n  endpoint_url = http://127.0.0.1:1\n",
        ])
    func refused(_ text: String) {
        let session = "[sso-session corp]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\n"
        #expect(PickerConfigScan.entries(Array((session + text).utf8)) == nil)
    }
}
