import AWSFormats
import Foundation
import Testing

@testable import SSOCache

/// The role-credential cache file read without `JSONSerialization` (``StrictJSON``, the warm path of
/// `credential-process`) against the full reading (``CacheJSONObject``): for each file it gives the same
/// credentials or declines, never answers where the full reading fails, and answers for the files
/// multisso and the AWS CLI write.
@Suite("Strict cache-file reading equals the full JSON reading")
struct StrictJSONDifferentialTests {
    static let fields =
        #""AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "se/cr+et=", "SessionToken": "to/ken+==""#

    /// Files the strict reader must read itself.
    static let read: [String] = [
        #"{"ProviderType": "sso", "Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z", "AccountId": "123456789012"}}"#,
        #"{"ProviderType":"sso","Credentials":{\#(fields),"Expiration":"2099-01-01T00:00:00Z"}}"#,
        "{\n  \"Credentials\": {\n    \(fields),\n    \"Expiration\": \"2099-01-01T00:00:00+02:00\",\n    \"AccountId\": null\n  }\n}\n",
        #"{"Credentials": {\#(fields), "Expiration": "2030-06-01 12:30:45.25Z"}, "ResponseMetadata": {"HTTPStatusCode": 200, "RetryAttempts": 0, "Ok": true, "No": false, "List": [1, -2.5e+3, 0.0, [], {}], "Empty": {}}}"#,
        #"{"Credentials": {"Expiration": "2099-01-01T00:00:00Z", \#(fields), "Extra": [null, "x"]}, "AssumedRoleUser": {"Arn": "arn:aws:sts::1:assumed-role/R/s"}}"#,
        "\t {\"Credentials\":{\(fields),\"Expiration\":\"2099-01-01T00:00:00Z\"}}\r\n",
    ]

    /// Files it must decline, each for the full reading to decide (most fail there too).
    static let declined: [String] = [
        "", "{", "[]", "null", "\"text\"", #"{"Credentials": []}"#, #"{"Credentials": null}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z"},}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z"}} trailing"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z"}}{}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00"}}"#,
        #"{"Credentials": {\#(fields), "Expiration": "not a date"}}"#,
        #"{"Credentials": {\#(fields)}}"#,
        #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "Expiration": "2099-01-01T00:00:00Z"}}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z", "AccountId": 123456789012}}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z", "AccountId": {}}}"#,
        #"{"Credentials": {"AccessKeyId": null, "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2099-01-01T00:00:00Z"}}"#,
        #"{"Credentials": {"AccessKeyId": 1, "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2099-01-01T00:00:00Z"}}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z", "AccessKeyId": "B"}}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z"}, "Credentials": {}}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z"}, "N": 01}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z"}, "N": 1.}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z"}, "N": +1}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z"}, "N": .5}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z"}, "N": 1e}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z"}, "B": tru}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z"}, "B": NaN}"#,
        #"{"Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z"}, "L": [1,]}"#,
        #"{"Credentials": {"AccessKeyId": "A\u0042", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2099-01-01T00:00:00Z"}}"#,
        #"{"Credentials": {"AccessKeyId": "A\"B", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2099-01-01T00:00:00Z"}}"#,
        "{\"Credentials\": {\"AccessKeyId\": \"Aé\", \"SecretAccessKey\": \"S\", \"SessionToken\": \"T\", \"Expiration\": \"2099-01-01T00:00:00Z\"}}",
        "{\"Credentials\": {\"AccessKeyId\": \"A\tB\", \"SecretAccessKey\": \"S\", \"SessionToken\": \"T\", \"Expiration\": \"2099-01-01T00:00:00Z\"}}",
        "\u{FEFF}{\"Credentials\": {\(fields), \"Expiration\": \"2099-01-01T00:00:00Z\"}}",
        String(repeating: "[", count: 20) + String(repeating: "]", count: 20),
        "{\"Credentials\": {\(fields), \"Expiration\": \"2099-01-01T00:00:00Z\"}, \"Deep\": "
            + String(repeating: "[", count: 20) + String(repeating: "]", count: 20) + "}",
    ]

    @Test("files multisso and the AWS CLI write are read alike by both", arguments: read)
    func readsAlike(_ text: String) throws {
        let strict = RoleCredentials(strictJSON: Array(text.utf8))
        #expect(strict != nil, "the strict reader declined a plain file")
        #expect(strict == full(text))
    }

    @Test("what the strict reader declines", arguments: declined)
    func declines(_ text: String) {
        #expect(RoleCredentials(strictJSON: Array(text.utf8)) == nil)
    }

    @Test("every file multisso writes reads back the same through both readers")
    func roundTrip() throws {
        for accountID in ["123456789012", nil] {
            let credentials = RoleCredentials(
                accessKeyID: "ASIA", secretAccessKey: "s/+=", sessionToken: String(repeating: "t", count: 900),
                expiration: Date(timeIntervalSince1970: 4_000_000_000), accountID: accountID)
            let text = PythonJSON.encode(credentials.jsonValue, separators: .standard, sortKeys: false)
            #expect(RoleCredentials(strictJSON: Array(text.utf8)) == credentials)
            #expect(full(text) == credentials)
        }
    }

    private func full(_ text: String) -> RoleCredentials? {
        try? RoleCredentials(json: CacheJSONObject(data: Data(text.utf8), file: "/cache.json"))
    }
}
