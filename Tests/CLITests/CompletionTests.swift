import Foundation
import SSOEmulator
import TestSupport
import Testing

/// The completion scripts of swift-argument-parser's generator, loaded in the real bash, zsh and fish, with
/// profile, `[sso-session]` and `--match` candidates answered from the config by multisso's fast path.
@Suite("CLI completions")
struct CompletionTests {
    static let emulator = ["--portals", "2", "--accounts", "2", "--roles-per-account", "1"]

    static func script(_ sandbox: CLISandbox, _ shell: String) async throws -> URL {
        let result = try await sandbox.multisso(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result)")
        let file = sandbox.folder.appendingPathComponent("completion.\(shell)")
        try result.stdout.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static var path: String { "\(TestBinaries.binDirectory.path):/usr/bin:/bin" }

    /// Completes `line` (the cursor at its end) in bash with the generated function.
    static func bash(_ sandbox: CLISandbox, _ script: URL, _ line: String) async throws -> [String] {
        let body = """
            source \(script.path)
            COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<< "$COMP_LINE"
            case "$COMP_LINE" in *' ') COMP_WORDS+=(''); esac
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            _multisso multisso "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try await sandbox.program(
            "/usr/bin/bash", ["--norc", "--noprofile", "-c", body], environment: ["PATH": path])
        #expect(result.status == 0, "\(result)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("bash completes profile names, sso-session names and --match globs from the config")
    func bashCompletion() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let script = try await Self.script(sandbox, "bash")
            let portal1 = sandbox.profiles.filter { $0.session == "portal-1" }.map(\.name)
            #expect(Set(try await Self.bash(sandbox, script, "multisso login --profile portal-1")) == Set(portal1))
            #expect(
                Set(try await Self.bash(sandbox, script, "multisso export --profile "))
                    == Set(sandbox.profiles.map(\.name)))
            #expect(
                try await Self.bash(sandbox, script, "multisso logout --sso-session port").sorted() == [
                    "portal-1", "portal-2",
                ])
            let globs = try await Self.bash(sandbox, script, "multisso exec --match portal-2")
            #expect(
                globs.contains("portal-2-*") && globs.contains { $0.hasPrefix("portal-2-") && !$0.hasSuffix("*") },
                "\(globs)")
            #expect(try await Self.bash(sandbox, script, "multisso status --sso-session nothing").isEmpty)
        }
    }

    @Test("fish completes profile names with complete -C")
    func fishCompletion() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let script = try await Self.script(sandbox, "fish")
            let body = "source \(script.path)\ncomplete -C 'multisso credential-process --profile portal-2-'"
            let result = try await sandbox.program(
                "/usr/bin/fish", ["--no-config", "-c", body], environment: ["PATH": Self.path])
            #expect(result.status == 0, "\(result)")
            let names = result.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
            #expect(Set(names) == Set(sandbox.profiles.filter { $0.session == "portal-2" }.map(\.name)), "\(result)")
            let sessions = try await sandbox.program(
                "/usr/bin/fish",
                ["--no-config", "-c", "source \(script.path)\ncomplete -C 'multisso login --sso-session '"],
                environment: ["PATH": Self.path])
            #expect(
                Set(sessions.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }) == [
                    "portal-1", "portal-2",
                ])
        }
    }

    @Test("zsh completes profile names: the generated script under compinit, TAB pressed in an interactive zsh (zpty)")
    func zshCompletion() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let script = try await Self.script(sandbox, "zsh")
            let functions = sandbox.folder.appendingPathComponent("zsh-functions")
            try FileManager.default.createDirectory(at: functions, withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: script, to: functions.appendingPathComponent("_multisso"))
            // One TAB inserts the common prefix, a second lists the candidates, then the line is redrawn;
            // each read waits for what the shell prints next (no sleeps).
            let driver = sandbox.folder.appendingPathComponent("complete.zsh")
            try """
            zmodload zsh/zpty
            zpty -b z "env HOME=$HOME PATH=$PATH zsh -f -i"
            zpty -w z "PS1='>'; fpath=(\(functions.path) \\$fpath); autoload -Uz compinit; compinit -u -D; setopt autolist nolistbeep"
            zpty -w z "echo READY"
            zpty -r -m z out '*READY*'
            zpty -r -m z out '*>'
            zpty -n -w z "multisso login --profile portal-1"$'\t'
            zpty -r -m z out '*portal-1-*'
            zpty -n -w z $'\t'
            zpty -r -m z out '*multisso login --profile portal-1-*'
            print -r -- "$out"
            zpty -d z

            """.write(to: driver, atomically: true, encoding: .utf8)
            let result = try await sandbox.program(
                "/usr/bin/timeout", ["60", "/usr/bin/zsh", "-f", driver.path], environment: ["PATH": Self.path])
            #expect(result.status == 0, "\(result)")
            let plain = result.stdout.replacingOccurrences(
                of: #"\x1B\[[0-9;?]*[A-Za-z]"#, with: " ", options: .regularExpression)
            // The list comes before the redrawn command line at the end.
            let list = plain.components(separatedBy: "multisso login --profile").dropLast().last ?? ""
            let offered = Set(list.split(whereSeparator: { $0.isWhitespace }).map(String.init)).filter {
                $0.hasPrefix("portal-")
            }
            #expect(offered == Set(sandbox.profiles.filter { $0.session == "portal-1" }.map(\.name)), "\(plain)")
        }
    }

    @Test(
        "the fast path answers from the config alone, with zsh's pseudo-candidate, even when the config has broken profiles"
    )
    func fastPath() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            try sandbox.writeConfig(extra: "[profile half]\nsso_session = portal-1\n")
            let arguments = [
                "---completion", "login", "--", "--profile", "3", "4", "multisso", "login", "--profile", "halfway",
            ]
            let plain = try await sandbox.multisso(arguments)
            #expect(plain.status == 0 && plain.stdout == "half", "\(plain)")
            let zsh = try await sandbox.multisso(arguments, environment: ["SAP_SHELL": "zsh"])
            #expect(zsh.stdout == "half\n ", "\(zsh)")
        }
    }
}
