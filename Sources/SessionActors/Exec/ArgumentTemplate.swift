/// A command line whose arguments may name per-profile values: `{profile}`, `{account_id}`,
/// `{role}` and `{region}`, with `{{` and `}}` for literal braces.
///
/// Substituted values are inert data: each argument stays one argument (there is no shell, no
/// splitting and no further expansion), so a profile name can never inject anything. Parsing
/// happens once, up front, so a typo fails before any child starts.
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

    /// Parses arguments.
    /// - Throws: `ExecError.unknownPlaceholder`, `.unterminatedPlaceholder` or
    ///   `.unmatchedClosingBrace`, naming the argument.
    public init(_ arguments: [String]) throws(ExecError) {
        var parsed: [[Segment]] = []
        for (index, argument) in arguments.enumerated() {
            parsed.append(try Self.parse(argument, index: index))
        }
        self.arguments = parsed
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

    private static func parse(_ argument: String, index: Int) throws(ExecError) -> [Segment] {
        var segments: [Segment] = []
        var literal = ""
        var characters = argument[...]
        while let character = characters.popFirst() {
            switch character {
            case "{" where characters.first == "{":
                characters.removeFirst()
                literal.append("{")
            case "{":
                guard let close = characters.firstIndex(of: "}") else {
                    throw .unterminatedPlaceholder(argument: argument, argumentIndex: index)
                }
                let name = String(characters[..<close])
                guard let placeholder = Placeholder(rawValue: name) else {
                    throw .unknownPlaceholder(name: name, argument: argument, argumentIndex: index)
                }
                if !literal.isEmpty {
                    segments.append(.literal(literal))
                    literal = ""
                }
                segments.append(.placeholder(placeholder))
                characters = characters[characters.index(after: close)...]
            case "}" where characters.first == "}":
                characters.removeFirst()
                literal.append("}")
            case "}":
                throw .unmatchedClosingBrace(argument: argument, argumentIndex: index)
            default:
                literal.append(character)
            }
        }
        if !literal.isEmpty || segments.isEmpty {
            segments.append(.literal(literal))
        }
        return segments
    }
}
