import Foundation
import SSOEmulator
import TestSupport
import Testing

/// Role chains through the built binary: `login --all` warms them, `exec` gives each child its own
/// assumed role (GetCallerIdentity SigV4-checked by the emulator), `credential-process` and botocore
/// with the AWS CLI's cache use what login cached without calling STS, `status` shows the chain.
@Suite("CLI role chains")
struct RoleChainCLITests {
    static let python = TestBinaries.packageRoot.appendingPathComponent(".venv-test/bin/python").path

    /// Two chained profiles on the first SSO profile, one on the second, and one on a chained one.
    static func chains(_ sandbox: CLISandbox) -> (text: String, roles: [String: String]) {
        let accounts = sandbox.directory.portals[0].accounts
        let hub0 = sandbox.profiles[0].name
        let hub1 = sandbox.profiles[1].name
        let roles = [
            "chain-a": "arn:aws:iam::\(accounts[2].accountID):role/\(accounts[2].roles[0])",
            "chain-b": "arn:aws:iam::\(accounts[3].accountID):role/\(accounts[3].roles[1])",
            "chain-c": "arn:aws:iam::\(accounts[4].accountID):role/\(accounts[4].roles[0])",
            "chain-d": "arn:aws:iam::\(accounts[1].accountID):role/\(accounts[1].roles[1])",
        ]
        let sources = ["chain-a": hub0, "chain-b": hub0, "chain-c": hub1, "chain-d": "chain-a"]
        let text = roles.keys.sorted().map { name in
            "[profile \(name)]\nrole_arn = \(roles[name] ?? "")\nsource_profile = \(sources[name] ?? "")\nregion = eu-west-1\n\n"
        }.joined()
        return (text, roles)
    }

    @Test("login --all, exec, credential-process, botocore's cache and status over chained profiles")
    func everywhere() async throws {
        let arguments = ["--portals", "1", "--accounts", "5", "--roles-per-account", "2", "--auto-approve"]
        try await CLISandbox.run(emulator: arguments) { sandbox in
            let (text, roles) = Self.chains(sandbox)
            try sandbox.writeConfig(extra: text)
            let sts = ["AWS_ENDPOINT_URL_STS": sandbox.emulator.baseURL.absoluteString]
            let login = try await sandbox.multisso(["login", "--all"], browser: true, environment: sts)
            #expect(login.status == 0, "\(login)")
            var stats = try await sandbox.emulator.stats()
            #expect(stats.calls["AssumeRole"] == 4)
            #expect(stats.calls["GetRoleCredentials"] == 10)

            let exec = try await sandbox.multisso(
                [
                    "exec", "--match", "chain-*", "--", Self.python, "-c",
                    "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])",
                ],
                environment: sts, timeout: .seconds(180))
            #expect(exec.status == 0, "\(exec)")
            for (name, arn) in roles {
                let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
                let role = arn.split(separator: "/").last.map(String.init) ?? ""
                let line = exec.stdout.split(separator: "\n").first { $0.hasPrefix("[\(name)] ") }
                #expect(
                    line?.hasPrefix("[\(name)] arn:aws:sts::\(parts[4]):assumed-role/\(role)/botocore-session-")
                        == true,
                    "\(exec)")
            }

            let process = try await sandbox.multisso(["credential-process", "--profile", "chain-d"], environment: sts)
            #expect(process.status == 0, "\(process)")
            let document = try JSONDecoder().decode(ProcessDocument.self, from: Data(process.stdout.utf8))
            let botocore = try await sandbox.program(
                Self.python,
                [
                    TestBinaries.packageRoot.appendingPathComponent(
                        "Tests/Conformance/cache/botocore_reads_assumed_role.py"
                    ).path,
                    "chain-d",
                ], environment: sts.merging(["AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]) { $1 })
            #expect(botocore.status == 0, "\(botocore)")
            #expect(botocore.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == document.AccessKeyId)
            stats = try await sandbox.emulator.stats()
            #expect(stats.calls["AssumeRole"] == 4, "credential-process and botocore must use the cache")

            // The AWS CLI v2 itself (Debian's 2.9.19) finds the assumed role in its cache: no STS call.
            let cli = try await sandbox.program(
                "/usr/bin/aws", ["configure", "export-credentials", "--profile", "chain-b", "--format", "process"])
            #expect(cli.status == 0, "\(cli)")
            let cached = try await sandbox.multisso(["credential-process", "--profile", "chain-b"], environment: sts)
            #expect(
                try JSONDecoder().decode(ProcessDocument.self, from: Data(cli.stdout.utf8)).AccessKeyId
                    == JSONDecoder().decode(ProcessDocument.self, from: Data(cached.stdout.utf8)).AccessKeyId)
            #expect(try await sandbox.emulator.stats().calls["AssumeRole"] == 4)

            let status = try await sandbox.multisso(["status"], environment: sts)
            #expect(
                status.stdout.contains(
                    "chain-d ← chain-a ← \(sandbox.profiles[0].name) (sso: \(sandbox.profiles[0].session))"),
                "\(status.stdout)")
        }
    }

    @Test("multisso uses an assumed role botocore cached in ~/.aws/cli/cache, without calling STS")
    func readsWhatBotocoreWrote() async throws {
        let arguments = ["--portals", "1", "--accounts", "5", "--roles-per-account", "2", "--auto-approve"]
        try await CLISandbox.run(emulator: arguments) { sandbox in
            let (text, _) = Self.chains(sandbox)
            try sandbox.writeConfig(extra: text)
            let sts = ["AWS_ENDPOINT_URL_STS": sandbox.emulator.baseURL.absoluteString]
            #expect(
                try await sandbox.multisso(
                    ["login", "--profile", sandbox.profiles[0].name], browser: true, environment: sts
                ).status == 0)
            let botocore = try await sandbox.program(
                Self.python,
                [
                    TestBinaries.packageRoot.appendingPathComponent(
                        "Tests/Conformance/cache/botocore_reads_assumed_role.py"
                    ).path,
                    "chain-a",
                ],
                environment: sts.merging([
                    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
                    "AWS_ENDPOINT_URL_SSO": sandbox.emulator.baseURL.absoluteString,
                ]) { $1 })
            #expect(botocore.status == 0, "\(botocore)")
            #expect(
                try await sandbox.emulator.stats().calls["AssumeRole"] == 1, "botocore assumed the role and cached it")
            let process = try await sandbox.multisso(["credential-process", "--profile", "chain-a"], environment: sts)
            #expect(process.status == 0, "\(process)")
            let document = try JSONDecoder().decode(ProcessDocument.self, from: Data(process.stdout.utf8))
            #expect(document.AccessKeyId == botocore.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(try await sandbox.emulator.stats().calls["AssumeRole"] == 1)
        }
    }

    @Test("a chained profile with mfa_serial: credential-process fails at once, naming what to run")
    func mfaNeverPrompts() async throws {
        let arguments = ["--portals", "1", "--accounts", "3", "--roles-per-account", "1", "--auto-approve"]
        try await CLISandbox.run(emulator: arguments) { sandbox in
            let account = sandbox.directory.portals[0].accounts[1]
            try sandbox.writeConfig(
                extra: """
                    [profile mfa]
                    role_arn = arn:aws:iam::\(account.accountID):role/\(account.roles[0])
                    source_profile = \(sandbox.profiles[0].name)
                    mfa_serial = arn:aws:iam::\(account.accountID):mfa/alice
                    region = eu-west-1

                    """)
            let sts = ["AWS_ENDPOINT_URL_STS": sandbox.emulator.baseURL.absoluteString]
            #expect(
                try await sandbox.multisso(
                    ["login", "--profile", sandbox.profiles[0].name], browser: true, environment: sts
                ).status == 0)
            let result = try await sandbox.multisso(["credential-process", "--profile", "mfa"], environment: sts)
            #expect(result.status == 4, "\(result)")
            #expect(
                result.stderr.contains("MFA device arn:aws:iam::\(account.accountID):mfa/alice"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
