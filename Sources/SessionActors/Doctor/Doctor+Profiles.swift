import Foundation
import SSOConfig

/// The checks that read only the config file.
extension Doctor {
    /// Every SSO profile resolves; each one that does not is an error naming its file and line.
    func resolveProfiles() -> (profiles: [SSOProfile], findings: [DoctorFinding]) {
        var profiles: [SSOProfile] = []
        var findings: [DoctorFinding] = []
        for name in config.profileNames where config.isSSOProfile(name) {
            do {
                profiles.append(try config.ssoProfile(named: name))
            } catch {
                findings.append(
                    DoctorFinding(
                        check: "profiles", severity: .error, message: "profile \(name) does not resolve: \(error)",
                        fix: "edit the profile at the line named; `multisso status --profile \(name)` checks it again"))
            }
        }
        if findings.isEmpty {
            findings.append(
                DoctorFinding(
                    check: "profiles", severity: .ok,
                    message: "\(profiles.count) SSO profiles in \(config.file.path) resolve"))
        }
        return (profiles, findings)
    }

    /// Two `[sso-session]` sections with the same start URL: the AWS CLI logs in to each separately.
    func sharedStartURLs() -> [DoctorFinding] {
        var byURL: [String: [ConfigSection]] = [:]
        var order: [String] = []
        for section in config.document.ssoSessionSections {
            guard let url = section.value("sso_start_url") else { continue }
            if byURL[url] == nil { order.append(url) }
            byURL[url, default: []].append(section)
        }
        return order.compactMap { url in
            guard let sections = byURL[url], sections.count > 1 else { return nil }
            let names = sections.map { "[sso-session \($0.id.name)] (\(location($0.line)))" }
            return DoctorFinding(
                check: "sso_sessions", severity: .warning,
                message: "\(names.joined(separator: " and ")) share the start URL \(url): the AWS CLI keeps a "
                    + "token for each and makes you log in to each",
                fix: "point their profiles' sso_session at one of them and remove the others")
        }
    }

    /// `credential_process = multisso …` lines that lead back to a profile multisso would have to
    /// resolve through the same line again: a process that starts itself until something gives up.
    func credentialProcessLoops() -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        for section in config.document.profileSections {
            guard let entry = section.entry("credential_process"), let line = entry.value.text,
                let target = Self.multissoTarget(line, profile: section.id.name)
            else { continue }
            var path = [section.id.name]
            var current = target
            while !config.isSSOProfile(current) {
                let chain = (path + [current]).joined(separator: " → ")
                let nested = config.document.section(.profile(current))?.entry("credential_process")?.value.text
                    .flatMap { Self.multissoTarget($0, profile: current) }
                guard !path.contains(current), let nested else {
                    let what =
                        path.contains(current)
                        ? "leads back to itself through profiles that are not SSO profiles"
                        : "ends at profile \(current), which is not an SSO profile"
                    findings.append(
                        DoctorFinding(
                            check: "credential_process", severity: .error,
                            message: "\(location(entry.line)): credential_process of profile \(section.id.name) calls "
                                + "multisso and \(what) (\(chain))",
                            fix:
                                "name an SSO profile: credential_process = multisso credential-process --profile SSO_PROFILE"
                        ))
                    break
                }
                path.append(current)
                current = nested
            }
        }
        return findings
    }

    /// The profile a `credential_process` command line makes multisso resolve, when it runs multisso:
    /// its `--profile`, else the profile holding the line (which the SDK selected, so `AWS_PROFILE`
    /// names it when the SDK was told to use it).
    static func multissoTarget(_ line: String, profile: String) -> String? {
        guard let words = CommandLineSplitter.split(line), let program = words.first,
            URL(fileURLWithPath: program).lastPathComponent == "multisso"
        else { return nil }
        for (index, word) in words.enumerated() {
            if word == "--" { break }
            if word == "--profile", index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix("--profile=") { return String(word.dropFirst("--profile=".count)) }
        }
        return profile
    }
}
