import Foundation
import SSOConfig
import Testing

@Suite("Lossless reading")
struct RoundTripTests {
    @Test("parse then write gives the same bytes", arguments: ValidCorpus.all)
    func roundTrip(_ sample: ValidCorpus.Case) throws {
        let input = Data(sample.text.utf8)
        let document = try ConfigDocument(parsing: input, file: sampleFile)
        #expect(document.data == input)
        #expect(try ConfigDocument(parsing: document.data, file: sampleFile) == document)
    }

    @Test("line breaks are kept per line, a missing final one stays missing")
    func lineEndings() throws {
        let mixed = try ConfigDocument(parsing: Data(ValidCorpus.mixedEndings.text.utf8), file: sampleFile)
        #expect(mixed.lines.map(\.ending) == [.lf, .crlf, .cr, .crlf, .lf, .crlf, .cr, .cr])
        let open = try ConfigDocument(parsing: Data(ValidCorpus.noTrailingNewline.text.utf8), file: sampleFile)
        #expect(open.lines.last?.ending == LineEnding.none)
        #expect(open.lines.last?.text == "region = eu-west-3")
    }

    @Test("sections, names and values are read as botocore reads them")
    func values() throws {
        let document = try ConfigDocument(parsing: Data(ValidCorpus.oddSpacing.text.utf8), file: sampleFile)
        let defaults = try #require(document.section(.defaultProfile))
        #expect(defaults.value("region") == "us-east-1")
        #expect(defaults.value("output") == "json\ncli_pager =\ncli_timestamp_format\t=\tiso8601")
        let spaced = try #require(document.section(.profile("spaced")))
        #expect(spaced.value("role_session_name") == "a=b=c")
        #expect(spaced.value("SSO_REGION") == "US-EAST-1")
        #expect(spaced.keys == ["role_session_name", "sso_start_url", "sso_region"])
        #expect(spaced.line(of: "sso_region") == 9)
        #expect(document.section(.profile("z")) == nil)
        let legacy = try ConfigDocument(parsing: Data(ValidCorpus.legacyAndComments.text.utf8), file: sampleFile)
        #expect(legacy.section(.profile("keys"))?.value("region") == "us-east-1 # this is not a comment for botocore")
    }

    @Test("quoted names with spaces and shell metacharacters")
    func quotedNames() throws {
        let document = try ConfigDocument(parsing: Data(ValidCorpus.quotedNames.text.utf8), file: sampleFile)
        let names = document.profileSections.map(\.id.name)
        #expect(names == ["team a", "x y", "it's; $(rm -rf ~) | `id` & echo", "a b", "unusual"])
        #expect(document.ssoSessionSections.map(\.id.name) == ["my corp"])
        #expect(document.section(.profile("it's; $(rm -rf ~) | `id` & echo"))?.value("region") == "eu-west-1")
    }

    @Test("nested services sub-sections")
    func nested() throws {
        let document = try ConfigDocument(parsing: Data(ValidCorpus.services.text.utf8), file: sampleFile)
        let services = try #require(document.section(.services("local-emulator")))
        #expect(
            services.subsection("sso") == ["endpoint_url": "http://127.0.0.1:4000", "Other": "value = with equals"])
        #expect(services.subsection("sso_oidc") == ["endpoint_url": "http://127.0.0.1:4002"])
        #expect(services.value("sqs") == "plain")
        #expect(services.subsection("sqs") == nil)
    }

    @Test("[DEFAULT] keys are inherited; duplicate profile names: the last section wins")
    func defaultsAndDuplicates() throws {
        let document = try ConfigDocument(parsing: Data(ValidCorpus.defaultsAndIgnored.text.utf8), file: sampleFile)
        #expect(document.profileSections.map(\.id.name) == ["plural", "default"])
        let defaultProfile = try #require(document.section(.profile("default")))
        #expect(defaultProfile.value("region") == "overrides-default")
        #expect(defaultProfile.value("output") == "yaml")
        #expect(document.otherSections.map(\.header) == ["preview"])
    }
}
