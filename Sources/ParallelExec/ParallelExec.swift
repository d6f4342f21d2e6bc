/// Runs one command once per profile, with bounded parallelism, in a single task group.
///
/// Each child gets its profile's credentials in its environment (`CredentialEnvironment`) and
/// its arguments with placeholders filled (`ArgumentTemplate`); no shell is involved. Output is
/// labelled line by line, grouped per profile, or collected for a JSON report (`ExecOutputMode`).
/// A failing profile never stops the others. Cancelling the calling task (see
/// `SignalCancellation`) starts no new child and tears every running one down
/// (`ChildTeardown`); `run` returns only after every child has been reaped.
///
/// For a single profile whose output should stream straight through, use `ChildProcess.run`
/// with `ChildIO.passthrough()` instead.
public struct ParallelExec: Sendable {
    /// The executable: a path or a name looked up on each child's `PATH`.
    public var executable: String
    /// The arguments, with placeholders.
    public var arguments: ArgumentTemplate
    /// The environment each child starts from, before its credentials are added.
    public var baseEnvironment: [String: String]
    /// Parallelism, output mode, colour, teardown.
    public var options: ParallelExecOptions
    /// Where labelled and grouped standard output goes.
    public var standardOutput: any ExecOutputSink
    /// Where labelled and grouped standard error goes.
    public var standardError: any ExecOutputSink
    /// Called with each profile and its child's process ID once the child has started.
    public var onStart: (@Sendable (String, Int32) async -> Void)?

    /// A default for `--parallel`: children mostly wait on the network, so twice the processor
    /// count, at least 4 and at most 32.
    public static func defaultParallelism(processorCount: Int) -> Int {
        min(32, max(4, processorCount * 2))
    }

    /// Creates a runner.
    public init(
        executable: String, arguments: ArgumentTemplate, baseEnvironment: [String: String],
        options: ParallelExecOptions = ParallelExecOptions(),
        standardOutput: any ExecOutputSink, standardError: any ExecOutputSink,
        onStart: (@Sendable (String, Int32) async -> Void)? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.baseEnvironment = baseEnvironment
        self.options = options
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.onStart = onStart
    }

    /// Runs the command for every target and reports how each ended.
    /// - Throws: `ExecError.invalidParallelism` when `options.parallelism` < 1, and nothing else:
    ///   per-profile failures are results in the report.
    public func run(_ targets: [ExecTarget]) async throws(ExecError) -> ExecReport {
        guard options.parallelism >= 1 else { throw .invalidParallelism(options.parallelism) }
        var results = targets.map { ProfileExecResult(profile: $0.profile, outcome: .notStarted) }
        await withTaskGroup(of: (Int, ProfileExecResult).self) { group in
            var next = 0
            while next < min(options.parallelism, targets.count), !Task.isCancelled {
                let index = next
                group.addTask { (index, await runOne(targets[index])) }
                next += 1
            }
            for await (index, result) in group {
                results[index] = result
                if next < targets.count, !Task.isCancelled {
                    let index = next
                    group.addTask { (index, await runOne(targets[index])) }
                    next += 1
                }
            }
        }
        return ExecReport(results: results, wasInterrupted: Task.isCancelled)
    }

    /// Runs one profile's child; every failure becomes a result.
    private func runOne(_ target: ExecTarget) async -> ProfileExecResult {
        let profile = target.profile
        guard !Task.isCancelled else { return ProfileExecResult(profile: profile, outcome: .notStarted) }
        let command: ChildCommand
        do {
            command = try ChildCommand(
                target: target, executable: executable, arguments: arguments, baseEnvironment: baseEnvironment,
                workingDirectory: options.workingDirectory
            )
        } catch {
            await report(error, for: profile)
            return ProfileExecResult(profile: profile, outcome: .failedToStart(error))
        }
        let onStart = self.onStart
        let io: ChildIO
        switch options.mode {
        case .labelled:
            let labeller = OutputLabeller(profile: profile, colour: options.colour)
            let (output, error) = (standardOutput, standardError)
            io = .lines { stream, lines in
                await (stream == .standardOutput ? output : error).write(labeller.label(lines))
            }
        case .grouped, .report:
            io = .collect(limit: options.collectLimit)
        }
        do {
            let child = try await ChildProcess.run(command, io: io, teardown: options.teardown) { pid in
                await onStart?(profile, pid)
            }
            let result = ProfileExecResult(
                profile: profile, outcome: .finished(child.termination), processID: child.processID,
                duration: child.duration, standardOutput: child.standardOutput, standardError: child.standardError,
                outputTruncated: child.outputTruncated
            )
            if options.mode == .grouped { await printGroup(result) }
            return result
        } catch {
            await report(error, for: profile)
            return ProfileExecResult(profile: profile, outcome: .failedToStart(error))
        }
    }

    /// In grouped mode, one block per profile: a header on stdout, then its output and error.
    private func printGroup(_ result: ProfileExecResult) async {
        let header = Array(groupHeader(result).utf8)
        var block = header
        block.append(contentsOf: result.standardOutput)
        if let last = result.standardOutput.last, last != UInt8(ascii: "\n") { block.append(UInt8(ascii: "\n")) }
        await standardOutput.write(block)
        if !result.standardError.isEmpty {
            var errorBlock = header
            errorBlock.append(contentsOf: result.standardError)
            if result.standardError.last != UInt8(ascii: "\n") { errorBlock.append(UInt8(ascii: "\n")) }
            await standardError.write(errorBlock)
        }
    }

    private func groupHeader(_ result: ProfileExecResult) -> String {
        let status: String
        switch result.outcome {
        case .finished(let termination): status = termination.description
        case .failedToStart(let error): status = error.code
        case .notStarted: status = "not started"
        }
        let title = "==> \(result.profile) (\(status)) <=="
        guard options.colour else { return title + "\n" }
        return "\u{1B}[\(OutputLabeller.colourCode(for: result.profile))m\(title)\u{1B}[0m\n"
    }

    /// A profile that could not start says why on stderr (labelled or grouped modes).
    private func report(_ error: ExecError, for profile: String) async {
        guard options.mode != .report else { return }
        let labeller = OutputLabeller(profile: profile, colour: options.colour)
        await standardError.write(labeller.label([Array("multisso: \(error.description)".utf8)]))
    }
}
