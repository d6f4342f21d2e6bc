import Foundation
import SSOConfig
import Testing

@Suite("Editing touches only the edited lines")
struct EditingTests {
    private func load(_ sample: ValidCorpus.Case) throws -> ConfigDocument {
        try ConfigDocument(parsing: Data(sample.text.utf8), file: sampleFile)
    }

    /// Every section other than `except` reads exactly as before.
    private func expectOthersUnchanged(_ before: ConfigDocument, _ after: ConfigDocument, except: SectionID) {
        func reading(_ section: ConfigSection) -> [String] { section.allEntries.map { "\($0.key)=\($0.value)" } }
        let old = before.sections.filter { $0.id != except }.map { ($0.header, reading($0)) }
        let new = after.sections.filter { $0.id != except }.map { ($0.header, reading($0)) }
        #expect(old.map(\.0) == new.map(\.0))
        #expect(old.map(\.1) == new.map(\.1))
    }

    @Test("setting a value rewrites one line, keeping its spelling, spacing and line break", arguments: ValidCorpus.all)
    func setExisting(_ sample: ValidCorpus.Case) throws {
        let document = try load(sample)
        let candidates = document.sections.filter { !$0.isIgnoredByBotocore }.flatMap { section in
            section.entries.filter { $0.value.text.map { !$0.contains("\n") } == true }.map { (section, $0) }
        }
        guard let (section, entry) = candidates.last else { return }
        var edited = document
        edited.setValue("edited-value", forKey: entry.key, in: section.id)
        let diff = LineDiff(renderedLines(document), renderedLines(edited))
        let index = entry.line - 1
        #expect(Array(diff.removed.keys) == [index], "\(diff)")
        #expect(Array(diff.added.keys) == [index], "\(diff)")
        let old = document.lines[index]
        let new = edited.lines[index]
        #expect(new.ending == old.ending)
        #expect(new.text.hasSuffix("edited-value"))
        #expect(
            new.text.prefix(while: { $0 != "=" && $0 != ":" }) == old.text.prefix(while: { $0 != "=" && $0 != ":" }))
        #expect(edited.section(section.id)?.value(entry.key) == "edited-value")
        expectOthersUnchanged(document, edited, except: section.id)
        #expect(try ConfigDocument(parsing: edited.data, file: sampleFile) == edited)
    }

    @Test(
        "adding a key adds one line after the section's last key, with the file's line break",
        arguments: ValidCorpus.all)
    func addKey(_ sample: ValidCorpus.Case) throws {
        let document = try load(sample)
        guard let section = document.sections.first(where: { !$0.isIgnoredByBotocore && !$0.entries.isEmpty }) else {
            return
        }
        var edited = document
        edited.setValue("added", forKey: "brand_new_key", in: section.id)
        let diff = LineDiff(renderedLines(document), renderedLines(edited))
        #expect(diff.added.count == 1 || (diff.added.count == 2 && diff.removed.count == 1), "\(diff)")
        let addedLine = try #require(edited.lines.first { $0.text.contains("brand_new_key") })
        #expect(addedLine.text.trimmingCharacters(in: .whitespaces) == "brand_new_key = added")
        if diff.removed.count == 1 {
            // Only a file without a final line break: its last line gained the break.
            #expect(document.lines.last?.ending == LineEnding.none)
            #expect(addedLine.ending == LineEnding.none)
        } else {
            #expect(addedLine.ending == document.lineEnding)
        }
        #expect(edited.section(section.id)?.value("brand_new_key") == "added")
        expectOthersUnchanged(document, edited, except: section.id)
    }

    @Test("adding a profile appends a block and changes nothing above it", arguments: ValidCorpus.all)
    func addProfile(_ sample: ValidCorpus.Case) throws {
        let document = try load(sample)
        var edited = document
        let id = SectionID.profile("new one; $(whoami)")
        edited.addSection(
            id, entries: [("sso_session", "corp"), ("sso_account_id", "999988887777"), ("sso_role_name", "Admin")])
        let old = renderedLines(document)
        let new = renderedLines(edited)
        let unchanged = document.lines.last?.ending == LineEnding.none ? old.count - 1 : old.count
        #expect(Array(new.prefix(unchanged)) == Array(old.prefix(unchanged)))
        let block = new.dropFirst(unchanged).map { $0.trimmingCharacters(in: .newlines) }
        #expect(
            block.suffix(4) == [
                "[profile 'new one; $(whoami)']", "sso_session = corp", "sso_account_id = 999988887777",
                "sso_role_name = Admin",
            ])
        let section = try #require(edited.section(id))
        #expect(section.value("sso_account_id") == "999988887777")
        expectOthersUnchanged(document, edited, except: id)
        #expect(edited.lines.dropLast().allSatisfy { $0.ending != LineEnding.none })
        #expect(try ConfigDocument(parsing: edited.data, file: sampleFile) == edited)
    }

    @Test("removing a profile removes only its lines", arguments: ValidCorpus.all)
    func removeProfile(_ sample: ValidCorpus.Case) throws {
        let document = try load(sample)
        guard let target = document.profileSections.first else { return }
        var edited = document
        edited.removeSection(target.id)
        let diff = LineDiff(renderedLines(document), renderedLines(edited))
        #expect(diff.added.isEmpty, "\(diff)")
        #expect(diff.removed[target.line - 1] != nil, "\(diff)")
        let removed = diff.removed.keys.sorted()
        #expect(!removed.isEmpty && removed == Array((removed.first ?? 0)...(removed.last ?? 0)), "\(diff)")
        #expect(edited.section(target.id) == nil)
        expectOthersUnchanged(document, edited, except: target.id)
    }

    @Test("a CRLF file gets CRLF lines; a file without a final line break keeps it that way")
    func lineBreaksOfNewLines() throws {
        var crlf = try load(ValidCorpus.crlf)
        crlf.addSection(.ssoSession("new"), entries: [("sso_region", "eu-west-1")])
        crlf.setValue("json", forKey: "output", in: .profile("w"))
        #expect(
            String(decoding: crlf.data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "").contains("\n")
                == false)
        var open = try load(ValidCorpus.noTrailingNewline)
        open.setValue("text", forKey: "output", in: .profile("last"))
        #expect(String(decoding: open.data, as: UTF8.self).hasSuffix("region = eu-west-3\noutput = text"))
    }

    @Test("removing a key, its continuation lines and nothing else")
    func removeKey() throws {
        var document = try load(ValidCorpus.multilineValues)
        let before = renderedLines(document)
        document.removeKey("description", from: .profile("ml"))
        let diff = LineDiff(before, renderedLines(document))
        #expect(diff.removed.keys.sorted() == [1, 2, 3, 4, 5, 6])
        #expect(document.section(.profile("ml"))?.keys == ["region", "output", "empty", "next"])
    }

    @Test("a sub-section can be written and read back")
    func subsection() throws {
        var document = try load(ValidCorpus.services)
        document.setSubsection("sso", to: [("endpoint_url", "http://127.0.0.1:9999")], in: .services("local-emulator"))
        document.setSubsection("sso_oidc", to: [("endpoint_url", "http://127.0.0.1:9998")], in: .services("fresh"))
        #expect(
            document.section(.services("local-emulator"))?.subsection("sso") == [
                "endpoint_url": "http://127.0.0.1:9999"
            ])
        #expect(
            document.section(.services("fresh"))?.subsection("sso_oidc") == ["endpoint_url": "http://127.0.0.1:9998"])
        #expect(try ConfigDocument(parsing: document.data, file: sampleFile) == document)
    }

    @Test("keys and values that could break the file are made safe")
    func sanitising() throws {
        var document = ConfigDocument(file: sampleFile)
        document.setValue("a\nb = c\r[x]", forKey: "we ird=key", in: .profile("p"))
        let reparsed = try ConfigDocument(parsing: document.data, file: sampleFile)
        #expect(reparsed.section(.profile("p"))?.value("we_ird_key") == "a b = c [x]")
        #expect(reparsed.sections.count == 1)
    }
}
