public import SSOConfig

/// Shell completion answers that come from the config file alone: profile names, `[sso-session]`
/// names and `--match` globs. Built for the fast path of `multisso ---completion …`, which runs on
/// every Tab press and must not pay for anything else.
public enum ConfigCompletion {
    /// What is being completed.
    public enum Kind: Sendable, Equatable {
        case profile
        case ssoSession
        /// A `--match` glob: profile names, and `PREFIX*` for every prefix ending in `-`, `_` or `.`.
        case glob
    }

    /// The candidates of `kind` that start with `prefix`, in config order (globs first, shortest first).
    public static func candidates(_ kind: Kind, prefix: String, names source: ConfigNames) -> [String] {
        let names: [String]
        switch kind {
        case .profile:
            names = source.ssoProfiles
        case .ssoSession:
            names = source.ssoSessions
        case .glob:
            let profiles = source.ssoProfiles
            var seen = Set<String>()
            var globs: [String] = []
            for name in profiles {
                for index in name.indices where "-_.".contains(name[index]) {
                    let glob = String(name[...index]) + "*"
                    if seen.insert(glob).inserted { globs.append(glob) }
                }
            }
            names = globs.sorted { $0.count < $1.count } + profiles
        }
        return names.filter { $0.hasPrefix(prefix) }
    }

    /// The kind of a `---completion` request (`[subcommand …] -- ARGUMENT INDEX CURSOR [WORD …]`, as
    /// swift-argument-parser's scripts send it), with the prefix being completed; nil when it is not one
    /// of the arguments this answers.
    public static func request(_ arguments: [String]) -> (kind: Kind, prefix: String)? {
        guard arguments.first == "---completion", let separator = arguments.firstIndex(of: "--") else { return nil }
        let subcommands = arguments[1..<separator]
        let rest = Array(arguments[(separator + 1)...])
        guard rest.count >= 2, let index = Int(rest[1]) else { return nil }
        // The cursor index inside the word; fish 3.6 cannot report it outside an interactive command
        // line (`complete -C`), and its script then passes nothing: the whole word is the prefix.
        let cursor = rest.count > 2 ? Int(rest[2]) : nil
        let words = rest.dropFirst(cursor == nil ? 2 : 3)
        var word = index >= 0 && index < words.count ? words[words.startIndex + index] : ""
        // The generated fish script passes an empty word as the two characters `''`.
        if word == "''" { word = "" }
        let prefix = cursor.map { String(word.prefix(max(0, $0))) } ?? word
        let kind: Kind
        switch rest[0] {
        case "--profile": kind = .profile
        case "--sso-session": kind = .ssoSession
        case "--match": kind = .glob
        case "positional@0" where subcommands.last == "shell-use": kind = .profile
        default: return nil
        }
        return (kind, prefix)
    }
}
