import Testing

/// More files for ``CredentialFileScannerTests``: layouts with other members (the AWS CLI's
/// assume-role files carry `ResponseMetadata` with numbers and `AssumedRoleUser`), and malformed JSON of
/// every kind (numbers, literals, nesting, escapes, a byte-order mark). The scanner answers only where the
/// general path gives credentials, with the same ones.
extension CredentialFileScannerTests {
    static let fields =
        #""AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "se/cr+et=", "SessionToken": "to/ken+==""#

    /// Files the AWS CLI and multisso write, in every spacing and with other members beside them.
    static let written: [String] = [
        #"{"ProviderType": "sso", "Credentials": {\#(fields), "Expiration": "2099-01-01T00:00:00Z", "AccountId": "123456789012"}}"#,
        #"{"ProviderType":"sso","Credentials":{\#(fields),"Expiration":"2099-01-01T00:00:00Z"}}"#,
        "{\n  \"Credentials\": {\n    \(fields),\n    \"Expiration\": \"2099-01-01T00:00:00+02:00\",\n    \"AccountId\": null\n  }\n}\n",
        #"{"Credentials": {\#(fields), "Expiration": "2030-06-01 12:30:45.25Z"}, "ResponseMetadata": {"HTTPStatusCode": 200, "RetryAttempts": 0, "Ok": true, "No": false, "List": [1, -2.5e+3, 0.0, [], {}], "Empty": {}}}"#,
        #"{"Credentials": {"Expiration": "2099-01-01T00:00:00Z", \#(fields), "Extra": [null, "x"]}, "AssumedRoleUser": {"Arn": "arn:aws:sts::1:assumed-role/R/s"}}"#,
        "\t {\"Credentials\":{\(fields),\"Expiration\":\"2099-01-01T00:00:00Z\"}}\r\n",
    ]

    /// Files with something unusual or wrong: the general path decides.
    static let unusual: [String] = [
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

    @Test("other layouts and malformed JSON agree with the general path")
    func moreLayouts() {
        for text in Self.written + Self.unusual {
            let bytes = Array(text.utf8)
            if case .failure = Self.general(bytes) { #expect(Self.scanned(bytes) == nil, "\(text)") }
            Self.check(bytes)
        }
    }
}
