import Foundation

/// Quotes words for the commands multisso suggests in its messages (`run \`multisso login --profile
/// 'my profile'\``), so that pasting one into a POSIX shell runs exactly that, whatever a profile or
/// session name contains.
public enum ShellQuote {
    private static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-")

    /// `word` bare when it holds only characters no shell treats specially, else in single quotes
    /// (a single quote inside written as `'\''`).
    public static func word(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy(plain.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
