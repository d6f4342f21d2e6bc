extension ChildCommand {
    /// The command for one profile: placeholders in the arguments filled from the target, the
    /// credentials put into the environment (`CredentialEnvironment`), never into the arguments.
    /// - Parameters:
    ///   - target: the profile and its credentials.
    ///   - executable: a path or a name looked up on the child's `PATH`; may itself use placeholders.
    ///   - arguments: the parsed arguments.
    ///   - baseEnvironment: the environment to start from (the parent's, passed in).
    ///   - workingDirectory: the child's working directory, nil for the parent's.
    /// - Throws: `ExecError.emptyCommand` for an empty executable, or a placeholder error.
    public init(
        target: ExecTarget, executable: String, arguments: ArgumentTemplate, baseEnvironment: [String: String],
        workingDirectory: String? = nil
    ) throws(ExecError) {
        guard !executable.isEmpty else { throw .emptyCommand }
        let renderedExecutable = try ArgumentTemplate([executable]).render(for: target)[0]
        self.init(
            executable: renderedExecutable,
            arguments: try arguments.render(for: target),
            environment: CredentialEnvironment.environment(base: baseEnvironment, for: target),
            workingDirectory: workingDirectory
        )
    }
}
