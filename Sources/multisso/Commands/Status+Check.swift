import ArgumentParser
import FailureKinds
import Foundation
import SessionActors

/// `multisso status --check`: a health check for scripts, answered by the exit status.
extension Status {
    func runCheck() throws {
        let runtime = try Runtime.loadReporting(global)
        var wanted = ProfileSelection(
            names: selection.profiles, patterns: selection.patterns, sessions: selection.sessions, all: selection.all)
        if wanted.isEmpty { wanted.all = true }
        let results: [ProfileReadiness]
        do {
            results = try ReadinessCheck.assess(wanted, config: runtime.config, environment: runtime.environment)
        } catch .noSSOProfiles {
            results = []
        } catch {
            throw runtime.console.fail(error)
        }
        for result in results {
            let detail = result.detail.map { ": \($0)" } ?? ""
            runtime.verbose("\(result.profile): \(result.readiness.rawValue)\(detail)")
        }
        guard let failure = ReadinessCheck.verdict(results).failureKind else {
            runtime.verbose("every selected profile can get credentials without a login")
            return
        }
        throw ExitCode(ExitStatus.code(for: failure))
    }
}
