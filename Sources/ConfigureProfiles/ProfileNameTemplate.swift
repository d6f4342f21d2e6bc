import ParallelExec
public import SSOWire

/// How `multisso configure generate` names a profile: text with placeholders such as
/// `{account_name}-{role_name}`, filled in for each account and role, then made a valid profile name.
///
/// Placeholders: `{account_name}`, `{account_id}`, `{role_name}`, `{email}` (the account's email
/// address), `{sso_session}`. `{{` and `}}` stand for literal braces (which sanitising then replaces).
public struct ProfileNameTemplate: Sendable, Hashable, CustomStringConvertible {
    /// The placeholders a template may use.
    public enum Placeholder: String, Sendable, Hashable, CaseIterable {
        case accountName = "account_name"
        case accountID = "account_id"
        case roleName = "role_name"
        case email = "email"
        case ssoSession = "sso_session"
    }

    enum Part: Sendable, Hashable {
        case text(String)
        case placeholder(Placeholder)
    }

    /// The default: `{account_name}-{role_name}`.
    public static let standard: ProfileNameTemplate = {
        guard let template = try? ProfileNameTemplate("{account_name}-{role_name}") else { preconditionFailure() }
        return template
    }()

    /// The template as given.
    public let source: String
    let parts: [Part]

    /// Parses a template.
    /// - Throws: `ConfigureError.invalidTemplate` for an unknown placeholder, an unclosed `{`, a lone
    ///   `}`, or a template with no placeholder at all (every profile would get the same name).
    public init(_ source: String) throws(ConfigureError) {
        var parts: [Part] = []
        var text = ""
        var index = source.startIndex
        func fail(_ reason: String) -> ConfigureError { .invalidTemplate(template: source, reason: reason) }
        while index < source.endIndex {
            let character = source[index]
            let next = source.index(after: index)
            if character == "{", next < source.endIndex, source[next] == "{" {
                text.append("{")
                index = source.index(after: next)
            } else if character == "}", next < source.endIndex, source[next] == "}" {
                text.append("}")
                index = source.index(after: next)
            } else if character == "{" {
                guard let close = source[next...].firstIndex(of: "}") else { throw fail("a \"{\" is not closed") }
                let name = String(source[next..<close])
                guard let placeholder = Placeholder(rawValue: name) else {
                    let known = Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")
                    throw fail("{\(name)} is not a placeholder (use \(known))")
                }
                if !text.isEmpty { parts.append(.text(text)) }
                text = ""
                parts.append(.placeholder(placeholder))
                index = source.index(after: close)
            } else if character == "}" {
                throw fail("a \"}\" has no \"{\" (write \"}}\" for a literal brace)")
            } else {
                text.append(character)
                index = next
            }
        }
        if !text.isEmpty { parts.append(.text(text)) }
        guard parts.contains(where: { if case .placeholder = $0 { true } else { false } }) else {
            throw fail("it has no placeholder, so every profile would get the same name")
        }
        self.source = source
        self.parts = parts
    }

    /// Whether the template uses `placeholder`.
    public func uses(_ placeholder: Placeholder) -> Bool {
        parts.contains(.placeholder(placeholder))
    }

    /// The template filled in for one role of an account, before sanitising.
    public func render(account: PortalAccount, roleName: String, session: String) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .placeholder(.accountName): account.accountName
            case .placeholder(.accountID): account.accountID
            case .placeholder(.roleName): roleName
            case .placeholder(.email): account.emailAddress ?? ""
            case .placeholder(.ssoSession): session
            }
        }.joined()
    }

    public var description: String { source }
}
