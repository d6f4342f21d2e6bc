import Foundation
import SessionActors
import Testing

@testable import TerminalUI

/// The picker's ranking and screen, and the completion request parser, without any terminal.
@Suite("Profile picker model, screen and completion requests")
struct ProfilePickerModelTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static let entries = [
        PickerEntry(
            profile: "prod-admin", accountID: "111111111111", roleName: "Admin", portal: "corp",
            expiresAt: now.addingTimeInterval(7200)),
        PickerEntry(
            profile: "staging-readonly", accountID: "222222222222", roleName: "ReadOnly", portal: "corp",
            expiresAt: now.addingTimeInterval(300)),
        PickerEntry(
            profile: "sandbox-admin", accountID: "333333333333", roleName: "Admin", portal: "lab", expiresAt: nil),
        PickerEntry(
            profile: "prod-readonly", accountID: "111111111111", roleName: "ReadOnly", portal: "corp",
            expiresAt: now.addingTimeInterval(-5)),
    ]

    @Test("subsequence filtering ranks word starts and consecutive letters first; no match filters out")
    func ranking() {
        var model = ProfilePickerModel(entries: Self.entries, history: PickHistory(), now: Self.now)
        #expect(model.matches.count == 4)
        for byte in "pro".utf8 { model.type(byte) }
        #expect(model.matches.map { Self.entries[$0].profile }.prefix(2) == ["prod-admin", "prod-readonly"])
        for byte in "ro".utf8 { model.type(byte) }
        #expect(model.selectedEntry?.profile == "prod-readonly")
        for byte in "zzz".utf8 { model.type(byte) }
        #expect(model.matches.isEmpty && model.selectedEntry == nil)
        for _ in 0..<3 { model.backspace() }
        #expect(model.selectedEntry?.profile == "prod-readonly")
        model.moveUp()
        #expect(model.selected == model.matches.count - 1)
        var byAccount = ProfilePickerModel(entries: Self.entries, history: PickHistory(), now: Self.now)
        for byte in "3333".utf8 { byAccount.type(byte) }
        #expect(byAccount.matches.map { Self.entries[$0].profile } == ["sandbox-admin"])
    }

    @Test("recent and frequent choices come first with an empty query")
    func history() throws {
        var history = PickHistory()
        history.uses["sandbox-admin"] = PickHistory.Use(count: 3, last: Self.now.addingTimeInterval(-60))
        history.uses["prod-readonly"] = PickHistory.Use(count: 1, last: Self.now.addingTimeInterval(-60))
        let model = ProfilePickerModel(entries: Self.entries, history: history, now: Self.now)
        #expect(
            model.matches.map { Self.entries[$0].profile } == [
                "sandbox-admin", "prod-readonly", "prod-admin", "staging-readonly",
            ])
    }

    @Test("rows fit the width, show time left, colour under 10 minutes and when expired, never without colour")
    func screen() {
        let model = ProfilePickerModel(entries: Self.entries, history: PickHistory(), now: Self.now)
        for width in [30, 40, 80, 120] {
            let lines = PickerScreen(width: width, height: 24, colour: false).lines(model)
            #expect(lines.allSatisfy { $0.count < width }, "\(width): \(lines)")
            #expect(lines.count == 5)
        }
        let wide = PickerScreen(width: 100, height: 24, colour: false).lines(model)
        #expect(wide[1].hasPrefix("> prod-admin") && wide[1].contains("111111111111") && wide[1].hasSuffix("2h00m"))
        #expect(wide[2].hasSuffix("5m") && wide[3].hasSuffix("-") && wide[4].hasSuffix("expired"))
        let coloured = PickerScreen(width: 100, height: 24, colour: true).lines(model)
        #expect(
            coloured[1].hasPrefix("\u{1B}[7m") && coloured[2].hasPrefix("\u{1B}[33m")
                && coloured[4].hasPrefix("\u{1B}[31m"))
        #expect(PickerScreen(width: 80, height: 5, colour: false).lines(model).count == 4)
    }

    @Test("completion requests: the argument, its word and the cursor; fish's missing cursor and empty word")
    func completionRequest() {
        let bash = ConfigCompletion.request([
            "---completion", "login", "--", "--profile", "3", "2", "multisso", "login", "--profile", "prod",
        ])
        #expect(bash?.kind == .profile && bash?.prefix == "pr")
        let fish = ConfigCompletion.request([
            "---completion", "login", "--", "--sso-session", "3", "multisso", "login", "--sso-session", "''",
        ])
        #expect(fish?.kind == .ssoSession && fish?.prefix == "")
        #expect(
            ConfigCompletion.request([
                "---completion", "exec", "--", "--match", "3", "0", "multisso", "exec", "--match", "",
            ])?.kind == .glob)
        #expect(ConfigCompletion.request(["---completion", "login", "--", "--region", "3", "0"]) == nil)
        #expect(ConfigCompletion.request(["login", "--profile", "x"]) == nil)
    }
}
