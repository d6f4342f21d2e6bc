/// Whether a caller may start an interactive login when no token can be reused or refreshed.
public enum LoginPolicy: Sendable, Hashable {
    /// Prompt (browser or device code) when needed: `multisso login`, `exec`.
    case interactive
    /// Never prompt; fail with the command to run instead: `credential-process`, `status`.
    case never
}
