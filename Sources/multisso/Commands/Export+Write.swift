import ArgumentParser
import FailureKinds
import Foundation
import SSOConfig
import SessionActors

/// `multisso export --format credentials --write`: the selected profiles' credentials into the shared
/// credentials file.
extension Export {
    /// The JSON report of a write (`--output json`).
    struct WriteReport: Encodable {
        var change: SharedCredentialsFile.Change
        var failed: [ProfileOutcome]
    }

    func runWrite() async throws {
        let runtime = try Runtime.loadReporting(global)
        var selection = ProfileSelection(
            names: profile.map { [$0] } ?? [], patterns: write.patterns, sessions: write.sessions, all: write.all)
        if selection.isEmpty { selection.names = [runtime.environment.profileName(nil)] }
        let credentialsFile = SharedCredentialsFile(environment: runtime.environment)
        let change: SharedCredentialsFile.Change
        var failed: [ProfileOutcome] = []
        do {
            let naming = try CredentialsSectionName(
                template: write.nameTemplate ?? CredentialsSectionName.defaultTemplate)
            let selected = try runtime.select(selection)
            let names = try Dictionary(
                uniqueKeysWithValues: selected.profiles.map { ($0.name, try naming.name(for: $0)) })
            try credentialsFile.check(selected.profiles.map { (names[$0.name] ?? $0.name, $0.name) })
            var entries: [SharedCredentialsFile.Entry] = []
            var keeping = Set<String>()
            let warmed = try await runtime.trusting(selected.profiles.map(\.name)).withDirectory(
                loginPolicy: .interactive, flow: flow
            ) { directory in
                await directory.warmedCredentials(for: selected.profiles.map(ProfileCredentials.sso))
            }
            for (profile, result) in zip(selected.profiles, warmed) {
                let name = names[profile.name] ?? profile.name
                if let credentials = result.credentials {
                    entries.append(.init(name: name, profile: profile.name, credentials: credentials))
                } else {
                    keeping.insert(name)
                    failed.append(
                        result.outcome
                            ?? ProfileOutcome(
                                profile: profile.name, portal: "-", accountID: profile.accountID,
                                roleName: profile.roleName,
                                succeeded: false, fromCache: false, expiration: nil, errorCode: "no_credentials",
                                message: nil, failureKind: .partial))
                }
            }
            for failure in selected.failures {
                failed.append(.unresolved(failure.profile, error: failure.error))
            }
            change = try credentialsFile.update(entries, keeping: keeping, now: Date())
        } catch {
            throw runtime.console.fail(error)
        }
        switch global.output {
        case .json:
            try runtime.printJSON(WriteReport(change: change, failed: failed))
        case .text:
            var summary = "wrote \(change.written.count) sections to \(change.file)"
            if !change.pruned.isEmpty { summary += "; pruned \(change.pruned.joined(separator: ", "))" }
            if !change.kept.isEmpty {
                summary += "; kept \(change.kept.joined(separator: ", ")) (not renewed, unexpired)"
            }
            runtime.console.err(summary)
            for outcome in failed {
                runtime.console.err(
                    "\(outcome.profile): no credentials: \(outcome.message ?? outcome.errorCode ?? "failed")")
            }
        }
        let failures = failed.compactMap(\.failureKind)
        let status = ExitStatus.code(succeeded: change.written.count, failures: failures)
        if status != 0 { throw ExitCode(status) }
    }
}
