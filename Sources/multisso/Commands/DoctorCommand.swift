import ArgumentParser
import FailureKinds
import Foundation
import SessionActors

/// `multisso doctor`: checks a setup and says how to fix what is wrong.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract:
            "Check the config, endpoints, proxy and CA settings, clock, caches and AWS CLI; say how to fix each problem.",
        discussion: """
            Checks that every SSO profile resolves (file:line for those that do not), that each distinct
            OIDC and portal endpoint answers with the proxy and CA bundle settings a login would use (one
            request each, no login), the clock against the service's Date header, the owner and mode of
            ~/.aws/sso/cache and ~/.aws/cli/cache, credential_process lines that would make multisso
            call itself, an AWS CLI on PATH too old for [sso-session], and sessions sharing a start URL.
            Exit status 0 when nothing is an error (warnings allowed), 1 otherwise.
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runtime = try Runtime.loadReporting(global)
        let doctor = Doctor(
            environment: runtime.environment, config: runtime.config, proxies: runtime.proxies, timeout: global.timeout)
        let report = await doctor.run()
        switch global.output {
        case .json:
            try runtime.printJSON(report)
        case .text:
            runtime.console.out(render(report, console: runtime.console))
        }
        if report.worst == .error { throw ExitCode(ExitStatus.code(for: .partial)) }
    }

    private func render(_ report: DoctorReport, console: Console) -> String {
        var text = ""
        for finding in report.findings {
            let label =
                switch finding.severity {
                case .ok: console.styledOut("ok     ", "32")
                case .warning: console.styledOut("warning", "33")
                case .error: console.styledOut("error  ", "1;31")
                }
            text += "\(label) \(finding.check): \(finding.message)\n"
            if let fix = finding.fix { text += "        fix: \(fix)\n" }
        }
        let errors = report.findings.count { $0.severity == .error }
        let warnings = report.findings.count { $0.severity == .warning }
        text += "\n\(errors) errors, \(warnings) warnings\n"
        return text
    }
}
