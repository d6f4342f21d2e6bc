/// What `multisso shell-init SHELL` prints: the `msso` function, which switches the current shell to a
/// profile through `multisso shell-use`, and a prompt segment the shell computes itself.
enum ShellInitScript {
    /// `msso` with no argument renews `--env` keys with less than this many seconds left.
    static let renewSeconds = 900
    /// The prompt segment is coloured below this many seconds left.
    static let warnSeconds = 600

    static func script(for shell: ShellKind) -> String {
        switch shell {
        case .bash, .zsh: posix(shell)
        case .fish: fish
        }
    }
}
