/// A command line whose arguments may name per-profile values: `{profile}`, `{account_id}`,
/// `{role}` and `{region}`. Only those four are substituted: every other brace (awk, jq, JSON,
/// `find -exec {}`, `${VAR}`) passes through untouched; `{{profile}}` is the literal `{profile}`.
///
/// Substituted values are inert data: each argument stays one argument (there is no shell, no
/// splitting and no further expansion), so a profile name can never inject anything.
public struct ArgumentTemplate: Sendable, Hashable {
    /// The values an argument can refer to.
    public enum Placeholder: String, Sendable, Hashable, CaseIterable {
        case profile
        case accountID = "account_id"
        case role
        case region
    }

    enum Segment: Sendable, Hashable {
        case literal(String)
        case placeholder(Placeholder)
    }

    let arguments: [[Segment]]

    /// Parses arguments; it never fails, since text that is not a documented placeholder is kept.
    public init(_ arguments: [String]) {
        self.arguments = arguments.map(Self.parse)
    }

    /// Whether any argument names a placeholder.
    public var usesPlaceholders: Bool {
        arguments.contains { $0.contains { if case .placeholder = $0 { true } else { false } } }
    }

    /// The placeholders used, in order of first use.
    public var placeholders: [Placeholder] {
        var seen: [Placeholder] = []
        for case .placeholder(let placeholder) in arguments.joined() where !seen.contains(placeholder) {
            seen.append(placeholder)
        }
        return seen
    }

    /// The arguments for one target.
    /// - Throws: `ExecError.missingPlaceholderValue` when `{region}` is used and the target has none.
    public func render(for target: ExecTarget) throws(ExecError) -> [String] {
        var result: [String] = []
        result.reserveCapacity(arguments.count)
        for segments in arguments {
            var text = ""
            for segment in segments {
                switch segment {
                case .literal(let literal): text += literal
                case .placeholder(let placeholder): text += try Self.value(of: placeholder, for: target)
                }
            }
            result.append(text)
        }
        return result
    }

    private static func value(of placeholder: Placeholder, for target: ExecTarget) throws(ExecError) -> String {
        switch placeholder {
        case .profile: return target.profile
        case .accountID: return target.accountID
        case .role: return target.roleName
        case .region:
            guard let region = target.region, !region.isEmpty else {
                throw .missingPlaceholderValue(placeholder: placeholder.rawValue, profile: target.profile)
            }
            return region
        }
    }

    /// Finds the documented placeholders in one argument; every other character, braces included,
    /// is kept as it is (awk programs, JSON, `{}`, `${VAR}`, Go templates). `{{NAME}}` is the literal
    /// text `{NAME}`, and `${NAME}` is left to the shell.
    private static func parse(_ argument: String) -> [Segment] {
        var segments: [Segment] = []
        var literal = ""
        var rest = argument[...]
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            let afterBrace = rest[rest.index(after: open)...]
            let dollar = literal.last == "$"
            if let (placeholder, remainder) = Self.escaped(afterBrace) {
                literal += "{\(placeholder.rawValue)}"
                rest = remainder
            } else if !dollar, let (placeholder, remainder) = Self.named(afterBrace) {
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                segments.append(.placeholder(placeholder))
                rest = remainder
            } else {
                literal.append("{")
                rest = afterBrace
            }
        }
        literal += rest
        if !literal.isEmpty || segments.isEmpty {
            segments.append(.literal(literal))
        }
        return segments
    }

    /// `NAME}` at the start of `text`, for a documented placeholder, and what follows it.
    private static func named(_ text: Substring) -> (Placeholder, Substring)? {
        for placeholder in Placeholder.allCases where text.hasPrefix(placeholder.rawValue + "}") {
            return (placeholder, text.dropFirst(placeholder.rawValue.count + 1))
        }
        return nil
    }

    /// `{NAME}}` at the start of `text` (after a first `{`): the escaped form of a placeholder.
    private static func escaped(_ text: Substring) -> (Placeholder, Substring)? {
        guard text.first == "{", let (placeholder, remainder) = named(text.dropFirst()), remainder.first == "}" else {
            return nil
        }
        return (placeholder, remainder.dropFirst())
    }
}
