import CredentialServer
import FileStore
import Foundation
import ParallelExec
import SSOConfig
import SessionActors

/// `exec --server`: a credential server for the children's lifetime, each child pointed at its own
/// profile's URL, so SDKs inside refresh by themselves however long the child runs.
extension Exec {
    func withChildServer(
        _ targets: [ExecTarget], profiles: [ProfileCredentials], runtime: Runtime,
        _ body: ([ExecTarget]) async throws -> Void
    ) async throws {
        let names = Set(targets.map(\.profile))
        let temporary = URL(fileURLWithPath: runtime.environment.variables["TMPDIR"] ?? "/tmp", isDirectory: true)
        try await withTemporaryTokenFile(in: temporary) { token, file in
            var configuration = CredentialServerConfiguration(
                token: token, serving: profiles.filter { names.contains($0.name) })
            if runtime.global.verbose { configuration.log = { line in runtime.verbose("server: " + line) } }
            try await runtime.withDirectory(loginPolicy: .never) { directory in
                try await withCredentialServer(configuration, directory: directory) { server in
                    runtime.verbose("credential server for the children on \(server.baseURL)")
                    let served = targets.map { target in
                        var target = target
                        target.server = ContainerCredentialsEndpoint(
                            url: server.url(forProfile: target.profile), tokenFile: file.path)
                        return target
                    }
                    try await body(served)
                }
            }
        }
    }
}
