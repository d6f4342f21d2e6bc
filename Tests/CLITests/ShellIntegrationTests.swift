import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `multisso shell-init`: the generated `msso` function run by the real bash, zsh and fish, non-interactively.
@Suite("CLI shell-init with real shells")
struct ShellIntegrationTests {
    /// Role credentials live 9 minutes: `--env` keys are near expiry at once, so `msso` renews them.
    static let emulator = [
        "--portals", "1", "--accounts", "2", "--roles-per-account", "1", "--auto-approve", "--credential-ttl", "540",
    ]

    static let shells: [(name: String, path: String)] = [
        ("bash", "/usr/bin/bash"), ("zsh", "/usr/bin/zsh"), ("fish", "/usr/bin/fish"),
    ]

    /// Runs `body` in `shell` after sourcing `multisso shell-init SHELL`, with multisso on PATH.
    static func run(_ sandbox: CLISandbox, _ shell: String, _ body: String, environment: [String: String] = [:])
        async throws -> RunResult
    {
        let script = try await sandbox.multisso(["shell-init", shell])
        #expect(script.status == 0, "\(script)")
        let file = sandbox.folder.appendingPathComponent("init.\(shell)")
        try script.stdout.write(to: file, atomically: true, encoding: .utf8)
        let path = "\(TestBinaries.binDirectory.path):/usr/bin:/bin"
        let arguments: [String] =
            switch shell {
            case "zsh": ["-f", "-c", "source \(file.path)\n\(body)"]
            case "fish": ["--no-config", "-c", "source \(file.path)\n\(body)"]
            default: ["--norc", "--noprofile", "-c", "source \(file.path)\n\(body)"]
            }
        return try await sandbox.program(
            "/usr/bin/\(shell)", arguments, environment: ["PATH": path].merging(environment) { $1 })
    }

    /// The body for each shell: switch, prompt, --env, renew near expiry, NO_COLOR, --unset.
    static func scenario(_ shell: String, profile: String) -> String {
        if shell == "fish" {
            return """
                msso \(profile); echo "rc=$status"
                echo "profile=$AWS_PROFILE key=$AWS_ACCESS_KEY_ID"
                echo "prompt="(msso_prompt)
                msso --env \(profile); echo "rc=$status"
                echo "envprofile=$AWS_PROFILE key1=$AWS_ACCESS_KEY_ID exp=$AWS_CREDENTIAL_EXPIRATION"
                echo "colour="(msso_prompt | string escape)
                msso; echo "key2=$AWS_ACCESS_KEY_ID"
                set -gx NO_COLOR 1; echo "plain="(msso_prompt | string escape)
                msso --unset; echo "after=[$AWS_PROFILE$AWS_ACCESS_KEY_ID$MSSO_PROFILE]"
                """
        }
        let escape = shell == "zsh" ? #"${(q)MSSO_PROMPT}"# : #"${MSSO_PROMPT@Q}"#
        return """
            msso \(profile); echo "rc=$?"
            echo "profile=${AWS_PROFILE-} key=${AWS_ACCESS_KEY_ID-}"
            PATH= _msso_prompt_update; echo "prompt=$MSSO_PROMPT"
            msso --env \(profile); echo "rc=$?"
            echo "envprofile=${AWS_PROFILE-} key1=$AWS_ACCESS_KEY_ID exp=$AWS_CREDENTIAL_EXPIRATION"
            PATH= _msso_prompt_update; echo "colour=\(escape)"
            msso; echo "key2=$AWS_ACCESS_KEY_ID"
            NO_COLOR=1; PATH= _msso_prompt_update; echo "plain=\(escape)"
            msso --unset; echo "after=[${AWS_PROFILE-}${AWS_ACCESS_KEY_ID-}${MSSO_PROFILE-}]"
            """
    }

    static func value(_ output: String, _ key: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
    }

    @Test(
        "msso switches, exports, renews near expiry and unsets in bash, zsh and fish; the prompt starts no process",
        arguments: shells.map(\.name))
    func scenario(shell: String) async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = try #require(sandbox.profiles.first)
            #expect(try await sandbox.multisso(["login", "--profile", profile.name], browser: true).status == 0)
            let result = try await Self.run(sandbox, shell, Self.scenario(shell, profile: profile.name))
            let out = result.stdout
            #expect(result.status == 0, "\(result)")
            #expect(Self.value(out, "profile") == "\(profile.name) key=", "\(result)")
            let prompt = try #require(Self.value(out, "prompt"))
            #expect(prompt.hasPrefix("[\(profile.name) 7h5") || prompt.hasPrefix("[\(profile.name) 8h0"), "\(result)")
            let cached = try sandbox.cache.credentials(profile).Credentials
            let envLine = try #require(Self.value(out, "envprofile"))
            #expect(envLine.hasPrefix(" key1=ASIA"), "AWS_PROFILE is unset in --env mode: \(result)")
            let key1 = envLine.split(separator: " ").first { $0.hasPrefix("key1=") }.map { String($0.dropFirst(5)) }
            let key2 = try #require(Self.value(out, "key2"))
            #expect(key1 != nil && key1 != key2 && key2.hasPrefix("ASIA"), "renewed near expiry: \(result)")
            #expect(key2 == (try sandbox.cache.credentials(profile).Credentials.AccessKeyId))
            _ = cached
            let colour = try #require(Self.value(out, "colour"))
            #expect(colour.contains("33m") || colour.contains("%F\\{yellow"), "under 10 minutes is coloured: \(result)")
            let plain = try #require(Self.value(out, "plain"))
            #expect(
                !plain.contains("33m") && !plain.contains("%F") && plain.contains(profile.name), "NO_COLOR: \(result)")
            #expect(Self.value(out, "after") == "[]", "\(result)")
            #expect(!result.stderr.contains("error"), "\(result)")
        }
    }

    @Test(
        "without a login, msso fails with 4 and names the login; an unknown profile fails with 3; nothing is set",
        arguments: shells.map(\.name))
    func loginNeeded(shell: String) async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = try #require(sandbox.profiles.first)
            let status = shell == "fish" ? "$status" : "$?"
            let body = """
                msso \(profile.name); echo "rc=\(status)"
                msso no-such-profile; echo "rc2=\(status)"
                echo "profile=[$AWS_PROFILE]"
                """
            let result = try await Self.run(sandbox, shell, body, environment: ["AWS_PROFILE": ""])
            #expect(Self.value(result.stdout, "rc") == "4" && Self.value(result.stdout, "rc2") == "3", "\(result)")
            #expect(Self.value(result.stdout, "profile") == "[]", "\(result)")
            #expect(result.stderr.contains("multisso login --sso-session \(profile.session)"), "\(result)")
        }
    }
}
