import ArgumentParser

/// `multisso shell-init bash|zsh|fish`: the `msso` function and prompt segment for a shell's rc file.
struct ShellInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell-init",
        abstract: "Print the `msso` shell function (switch this shell to a profile) and a prompt segment.",
        discussion: """
            Add to ~/.bashrc:  eval "$(multisso shell-init bash)"     (~/.zshrc: zsh)
            ~/.config/fish/config.fish:  multisso shell-init fish | source
            Then:  msso PROFILE        sets AWS_PROFILE, fetching credentials if needed (a login only at a terminal)
                   msso --env PROFILE  exports the keys and AWS_CREDENTIAL_EXPIRATION instead
                   msso                at a terminal: pick a profile (multisso pick); renews --env keys with under 15 min left
                   msso --status       shows the profile and its time left
                   msso --unset        leaves
            Prompt: bash/zsh put ${MSSO_PROMPT} in PS1/PROMPT (zsh: setopt prompt_subst); fish calls msso_prompt.
            It shows the profile and its time left, yellow under 10 minutes, and starts no process.
            """
    )

    @Argument(help: "bash, zsh or fish.")
    var shell: ShellKind

    func run() throws {
        Console(noColor: true, environment: [:]).out(ShellInitScript.script(for: shell))
    }
}
