import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
    import TestSupport
#endif

/// What the console tests need around `multisso console`: following a sign-in URL without following
/// its redirect, reading a URL's query, and a stand-in browser that records its argument vector.
enum ConsoleHelpers {
    /// Opens a URL and returns the status and `Location` of the answer (redirects are not followed).
    static func follow(_ url: URL) async throws -> (status: Int, location: String?) {
        let session = URLSession(configuration: .ephemeral, delegate: KeepRedirects(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let (_, response) = try await session.data(from: url)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (http.statusCode, http.value(forHTTPHeaderField: "Location"))
    }

    static func query(_ url: URL, _ name: String) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
    }

    /// Polls an asynchronous condition until it holds or `timeout` passes.
    static func eventually(timeout: Duration = .seconds(60), _ condition: () async -> Bool) async -> Bool {
        await TestSupport.eventually(timeout: timeout, every: .milliseconds(100), condition)
    }

    /// Writes a program that saves its arguments (NUL-separated) to `folder/argv-PID`; returns its path.
    static func recorder(in folder: URL) throws -> URL {
        let script = folder.appendingPathComponent("record-argv")
        try """
        #!/bin/sh
        out="\(folder.path)/argv-$$"
        for argument in "$@"; do printf '%s\\0' "$argument"; done > "$out.part" && mv "$out.part" "$out"

        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script
    }

    /// The argument vectors recorded so far, oldest file first.
    static func recorded(in folder: URL) throws -> [[String]] {
        let files = try FileManager.default.contentsOfDirectory(
            at: folder, includingPropertiesForKeys: [.creationDateKey]
        )
        .filter { $0.lastPathComponent.hasPrefix("argv-") && !$0.lastPathComponent.hasSuffix(".part") }
        return try files.map { file in
            let text = try String(contentsOf: file, encoding: .utf8)
            return text.split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
    }
}

private final class KeepRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
