import ArgumentParser

/// The shells `shell-init` and `shell-use` write code for.
enum ShellKind: String, ExpressibleByArgument, CaseIterable, Sendable {
    case bash, zsh, fish
}
