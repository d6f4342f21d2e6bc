import ArgumentParser
import FileStore
import SSOConfig
import SessionActors

/// Answers the completion scripts' `multisso ---completion … -- --profile …` requests from the config
/// file alone, before the argument parser is built (they run on every Tab press). Anything else goes
/// to the parser, which calls the same ``ConfigCompletion`` through the options' completion kinds.
enum CompletionFastPath {
    /// True when it answered.
    static func answer(_ arguments: [String]) -> Bool {
        guard let (kind, prefix) = ConfigCompletion.request(arguments) else { return false }
        let environment = AWSEnvironment.current()
        var candidates = ConfigCompletion.candidates(kind, prefix: prefix, names: ConfigNames.load(environment))
        // The zsh script drops this pseudo-candidate, as swift-argument-parser's own answer carries it.
        if environment.variables["SAP_SHELL"] == "zsh" { candidates.append(" ") }
        Console(noColor: true, environment: [:]).out(candidates.joined(separator: "\n"))
        return true
    }
}

extension CompletionKind {
    /// SSO profile names from the config file.
    static var ssoProfiles: CompletionKind { .custom(ConfigCompletion.answer(.profile)) }
    /// `[sso-session]` names from the config file.
    static var ssoSessions: CompletionKind { .custom(ConfigCompletion.answer(.ssoSession)) }
    /// `--match` globs and profile names.
    static var profileGlobs: CompletionKind { .custom(ConfigCompletion.answer(.glob)) }
}

extension ConfigCompletion {
    /// The same answers for the argument parser's own completion path.
    static func answer(_ kind: Kind) -> @Sendable ([String], Int, String) -> [String] {
        { _, _, prefix in
            candidates(kind, prefix: prefix, names: ConfigNames.load(AWSEnvironment.current()))
        }
    }
}
