import ArgumentParser

extension Runtime {
    /// ``load(_:trustingActiveProfile:)`` without the CA bundle, with a failure reported the way every
    /// command reports errors and turned into its exit status.
    static func loadReporting(_ global: GlobalOptions) throws(ExitCode) -> Runtime {
        do {
            return try load(global, trustingActiveProfile: false)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
    }
}
