import ConfigureProfiles
import Foundation
import SSOConfig
import SSOWire
import SessionActors
import Testing

@Suite("Generation at scale and the unified diff")
struct ScaleAndDiffTests {
    @Test("hundreds of accounts, then changed assignments with prune; the diff turns old into new")
    func scale() throws {
        let start = try Fixtures.document("# hand-written\n[profile mine]\nregion = eu-west-1\n")
        let portal = Fixtures.portal(accounts: 400)
        let generator = ProfileGenerator(session: "corp", region: "eu-west-1", prune: true)
        let first = generator.plan(accounts: portal, document: start)
        let roleCount = portal.reduce(0) { $0 + $1.roles.count }
        #expect(first.additions.count == roleCount)
        #expect(Set(first.additions.map(\.profile)).count == roleCount)
        #expect(first.additions.allSatisfy { ProfileNameSanitizer.isSanitized($0.profile) })
        let generated = try first.apply(to: start)
        #expect(generated.profileSections.count == roleCount + 1)
        #expect(Fixtures.text(generated).hasPrefix(Fixtures.text(start)))
        #expect(generator.plan(accounts: portal, document: generated).isEmpty)

        // Assignments change: 50 accounts go, 30 arrive, one account gets a new role.
        var changed = Array(portal.dropFirst(50)) + Fixtures.portal(accounts: 30, seed: 5_000_000)
        changed[0].roles.append("NewRole")
        let second = generator.plan(accounts: changed, document: generated)
        #expect(second.removals.count == portal.prefix(50).reduce(0) { $0 + $1.roles.count })
        #expect(second.additions.count == changed.suffix(30).reduce(0) { $0 + $1.roles.count } + 1)
        let names = Set(generated.profileSections.map(\.id.name))
        #expect(second.additions.allSatisfy { !names.contains($0.profile) })
        let after = try second.apply(to: generated)
        #expect(after.profileSections.count == changed.reduce(0) { $0 + $1.roles.count } + 1)
        #expect(generator.plan(accounts: changed, document: after).isEmpty)

        let old = Fixtures.text(generated)
        let new = Fixtures.text(after)
        let diff = UnifiedDiff.render(old: old, new: new, oldLabel: "a", newLabel: "b")
        #expect(PatchApplier.apply(diff, to: old) == new)
        let removedLines = diff.split(separator: "\n").filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }
        // Each removed section is six lines and the blank line after it.
        #expect(removedLines.count == second.removals.count * 7)
    }

    @Test("a small diff is exactly what diff -u prints")
    func exactOutput() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n"
        let new = "a\nb\nc\nD\ne\nf\ng\nh\ni\n"
        #expect(
            UnifiedDiff.render(old: old, new: new, oldLabel: "config", newLabel: "config", context: 1) == """
                --- config
                +++ config
                @@ -3,3 +3,3 @@
                 c
                -d
                +D
                 e
                @@ -8 +8,2 @@
                 h
                +i

                """)
        #expect(UnifiedDiff.render(old: old, new: old, oldLabel: "x", newLabel: "x").isEmpty)
        #expect(
            UnifiedDiff.render(old: "", new: "x\n", oldLabel: "x", newLabel: "x") == "--- x\n+++ x\n@@ -0,0 +1 @@\n+x\n"
        )
        #expect(
            UnifiedDiff.render(old: "x", new: "x\n", oldLabel: "x", newLabel: "x")
                == "--- x\n+++ x\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n")
    }

    @Test("random edits: applying the rendered diff always gives the new text")
    func randomRoundTrips() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["[profile a]", "region = x", "", "# c", "sso_session = s", "k = 1", "k = 2"]
        for _ in 0..<200 {
            let old = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator) ?? ""
            }
            var new = old
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                let position = Int.random(in: 0...new.count, using: &generator)
                if Bool.random(using: &generator), position < new.count {
                    new.remove(at: position)
                } else {
                    new.insert(alphabet.randomElement(using: &generator) ?? "", at: position)
                }
            }
            let oldText = old.map { $0 + "\n" }.joined()
            let newText = new.map { $0 + "\n" }.joined()
            let diff = UnifiedDiff.render(
                old: oldText, new: newText, oldLabel: "o", newLabel: "n", context: Int.random(in: 0...3))
            #expect(PatchApplier.apply(diff, to: oldText) == newText, "\(old) -> \(new)\n\(diff)")
        }
    }
}
