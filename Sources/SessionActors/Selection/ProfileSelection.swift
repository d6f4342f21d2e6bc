public import FailureKinds
public import FileStore
import Foundation
public import SSOConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which profiles a command works on: named ones (`--profile`, repeatable), shell-style globs
/// (`--match 'prod-*'`), every profile of an `[sso-session]` (`--sso-session`), or all SSO profiles
/// (`--all`). With none of these, the profile the environment names (`AWS_PROFILE`), else `default`.
public struct ProfileSelection: Sendable, Hashable {
    public var names: [String]
    public var patterns: [String]
    public var sessions: [String]
    public var all: Bool

    public init(names: [String] = [], patterns: [String] = [], sessions: [String] = [], all: Bool = false) {
        self.names = names
        self.patterns = patterns
        self.sessions = sessions
        self.all = all
    }

    /// True when nothing was asked for explicitly.
    public var isEmpty: Bool { names.isEmpty && patterns.isEmpty && sessions.isEmpty && !all }

    /// The selected profiles, resolved, in config-file order (named ones first, as given), each once;
    /// profiles that fail to resolve are returned beside them with the reason, so one broken profile
    /// does not stop a warm-up of the others.
    /// - Throws: `SelectionError` when the selection matches nothing, or an explicitly named profile
    ///   does not exist or is not an SSO profile.
    public func resolve(in config: AWSConfigFile, environment: AWSEnvironment) throws(SelectionError)
        -> (profiles: [SSOProfile], failures: [(profile: String, error: ConfigError)])
    {
        let candidates = config.profileNames.filter { config.isSSOProfile($0) && !config.isRoleChainProfile($0) }
        let chosen = try names(in: config, environment: environment, candidates: candidates)
        var profiles: [SSOProfile] = []
        var failures: [(profile: String, error: ConfigError)] = []
        for name in chosen {
            do {
                profiles.append(try config.ssoProfile(named: name))
            } catch {
                failures.append((name, error))
            }
        }
        return (profiles, failures)
    }

    /// The profile names the selection picks among `candidates` (explicit names need only exist).
    func names(in config: AWSConfigFile, environment: AWSEnvironment, candidates: [String]) throws(SelectionError)
        -> [String]
    {
        if all, names.isEmpty, patterns.isEmpty, sessions.isEmpty, !candidates.isEmpty {
            return candidates  // names are unique in a config: no set needed
        }
        var chosen: [String] = []
        var seen = Set<String>()
        func take(_ name: String) {
            if seen.insert(name).inserted { chosen.append(name) }
        }
        var explicit = names
        if isEmpty { explicit = [environment.profileName(nil)] }
        for name in explicit {
            guard config.profileNames.contains(name) else {
                throw .profileNotFound(name: name, file: config.file.path)
            }
            take(name)
        }
        for pattern in patterns {
            let matches = candidates.filter { Self.glob(pattern, matches: $0) }
            guard !matches.isEmpty else { throw .noMatch(pattern: pattern, file: config.file.path) }
            matches.forEach(take)
        }
        for session in sessions {
            guard config.ssoSessionNames.contains(session) else {
                throw .sessionNotFound(name: session, file: config.file.path)
            }
            let members = candidates.filter { (try? config.ssoProfile(named: $0))?.session.name == session }
            members.forEach(take)
        }
        if all {
            candidates.forEach(take)
            if candidates.isEmpty {
                if !FileManager.default.fileExists(atPath: config.file.path) {
                    throw .noConfigFile(file: config.file.path)
                }
                throw .noSSOProfiles(file: config.file.path)
            }
        }
        return chosen
    }

    /// Shell-style glob matching (`*`, `?`, `[...]`), as `fnmatch(3)`.
    public static func glob(_ pattern: String, matches name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}

/// A selection of profiles that cannot be satisfied.
public enum SelectionError: ClassifiedError, Sendable, Equatable, CustomStringConvertible {
    case profileNotFound(name: String, file: String)
    case sessionNotFound(name: String, file: String)
    case noMatch(pattern: String, file: String)
    case noSSOProfiles(file: String)
    /// Every SSO profile was asked for and there is no config file at all.
    case noConfigFile(file: String)

    public var code: String {
        switch self {
        case .profileNotFound: "profile_not_found"
        case .sessionNotFound: "sso_session_not_found"
        case .noMatch: "no_match"
        case .noSSOProfiles: "no_sso_profiles"
        case .noConfigFile: "no_config_file"
        }
    }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        .configuration
    }

    public var description: String {
        switch self {
        case .profileNotFound(let name, let file):
            "The config profile (\(name)) could not be found in \(file); list the profiles with `multisso status`"
        case .sessionNotFound(let name, let file):
            "There is no [sso-session \(name)] section in \(file)"
        case .noMatch(let pattern, let file):
            "No SSO profile in \(file) matches '\(pattern)'"
        case .noSSOProfiles(let file):
            "\(file) has no SSO profiles; create some with `multisso configure` or `multisso configure generate`"
        case .noConfigFile(let file):
            "The config file \(file) does not exist (AWS_CONFIG_FILE sets another path); create it with `multisso configure` or `aws configure sso`"
        }
    }
}
