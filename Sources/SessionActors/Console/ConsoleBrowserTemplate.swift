import Foundation
public import SSOConfig
import SSOWire

/// The browser command for console links, one per profile if need be: a command line split like a
/// shell's words (quotes, backslashes) but never run by a shell, whose words may name `{url}`,
/// `{url_encoded}` (percent-encoded, for extension URL schemes), `{profile}`, `{account_id}` and
/// `{role_name}` (`{{` and `}}` for braces). Substituted values stay
/// inside their word, so a profile name with shell metacharacters is inert. Without `{url}`, the URL
/// is the last argument.
///
/// Set with `--browser`, or once in the config file with `multisso_console_browser` in a profile or
/// `[default]` (botocore ignores the key).
public struct ConsoleBrowserTemplate: Sendable, Hashable {
    /// The config key that holds a template.
    public static let configKey = "multisso_console_browser"
    static let placeholders: Set<String> = ["url", "url_encoded", "profile", "account_id", "role_name"]

    let words: [String]
    let namesURL: Bool

    /// Parses a template.
    /// - Parameter source: where it comes from (`--browser`, or the config file and profile), for errors.
    /// - Throws: ``ConsoleError/invalidBrowserTemplate(source:reason:)``.
    public init(_ text: String, source: String) throws(ConsoleError) {
        guard let words = CommandLineSplitter.split(text) else {
            throw .invalidBrowserTemplate(source: source, reason: "a quote is not closed or it ends with a backslash")
        }
        guard let first = words.first, !first.isEmpty else {
            throw .invalidBrowserTemplate(source: source, reason: "it names no command")
        }
        var namesURL = false
        for word in words {
            do {
                _ = try Self.substitute(word) { name in
                    if name.hasPrefix("url") { namesURL = true }
                    return ""
                }
            } catch {
                throw .invalidBrowserTemplate(source: source, reason: error.reason)
            }
        }
        self.words = words
        self.namesURL = namesURL
    }

    /// The command's argument vector for a link (the executable first).
    public func arguments(for link: ConsoleLink) -> [String] {
        let values = [
            "url": link.url.absoluteString, "url_encoded": PercentEncoding.encode(link.url.absoluteString),
            "profile": link.profile, "account_id": link.accountID,
            "role_name": link.roleName,
        ]
        let rendered = words.map { word in (try? Self.substitute(word) { values[$0] ?? "" }) ?? word }
        return namesURL ? rendered : rendered + [link.url.absoluteString]
    }

    /// The template the config file sets for a profile (its own key, else `[default]`'s), or nil.
    /// - Throws: ``ConsoleError/invalidBrowserTemplate(source:reason:)`` naming the file and line.
    public static func configured(for profile: String, in config: AWSConfigFile) throws(ConsoleError) -> Self? {
        for id in [SectionID.profile(profile), .defaultProfile] {
            guard let section = config.document.section(id), let text = section.value(configKey) else { continue }
            let line = section.line(of: configKey).map { ":\($0)" } ?? ""
            return try Self(text, source: "\(config.file.path)\(line), \(configKey) of \(id)")
        }
        return nil
    }

    struct TemplateProblem: Error {
        var reason: String
    }

    /// `word` with each `{name}` replaced by `value(name)`.
    static func substitute(_ word: String, _ value: (String) -> String) throws(TemplateProblem) -> String {
        var result = ""
        var rest = Substring(word)
        while let character = rest.popFirst() {
            switch character {
            case "{" where rest.first == "{", "}" where rest.first == "}":
                rest.removeFirst()
                result.append(character)
            case "{":
                guard let close = rest.firstIndex(of: "}") else {
                    throw TemplateProblem(reason: "a { in \(word) is not closed")
                }
                let name = String(rest[..<close])
                guard placeholders.contains(name) else {
                    throw TemplateProblem(
                        reason:
                            "{\(name)} is not a placeholder (use {url}, {url_encoded}, {profile}, {account_id}, {role_name})"
                    )
                }
                result += value(name)
                rest = rest[rest.index(after: close)...]
            case "}":
                throw TemplateProblem(reason: "a } in \(word) has no {")
            default:
                result.append(character)
            }
        }
        return result
    }
}
