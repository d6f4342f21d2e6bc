import FileStore
public import Foundation
import SessionActors

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh token in a file of its own for the duration of `body` (`exec --server`): a new 0700 folder
/// in `parent` holding the 0600 token file, both removed afterwards whatever happens.
/// - Throws: ``CredentialServerError/tokenFile(path:problem:)`` when the folder or file cannot be made;
///   whatever `body` throws.
public func withTemporaryTokenFile<T>(
    in parent: URL, _ body: (ServerToken, URL) async throws -> T
) async throws -> T {
    let folder = parent.appendingPathComponent(
        "multisso-server-\(getpid())-\(UInt32.random(in: 0...UInt32.max))", isDirectory: true)
    let file = folder.appendingPathComponent("token")
    let token: ServerToken
    do {
        try AtomicFile.createDirectory(folder, permissions: 0o700)
        token = try ServerToken.loadOrCreate(file)
    } catch {
        try? FileManager.default.removeItem(at: folder)
        throw CredentialServerError.tokenFile(path: file.path, problem: "cannot be created: \(error)")
    }
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(token, file)
}
