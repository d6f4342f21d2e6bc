import Foundation
import TestSupport

/// Checks the two cache folders the way another program (the AWS CLI, an SDK) would see them: every
/// visible `.json` file must be a whole JSON object with the fields of its kind. Hidden temporary files
/// and `.lock` files are not read by anyone and are counted separately.
enum CacheAudit {
    /// The visible cache files of both folders, by path.
    static func snapshot(_ home: CLIHome) -> [String: Data] {
        var files: [String: Data] = [:]
        for folder in [home.ssoCache, home.cliCache] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
                let url = folder.appendingPathComponent(name)
                // A file may be replaced or deleted between the listing and the read: that is fine.
                if let data = try? Data(contentsOf: url) { files[url.path] = data }
            }
        }
        return files
    }

    /// Leftover temporary files (`.NAME.PID.N.tmp`) in both folders.
    static func temporaryFiles(_ home: CLIHome) -> [String] {
        [home.ssoCache, home.cliCache].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".tmp") }
        }
    }

    /// Why `data` is not a whole cache document, or nil when it is one.
    static func problem(_ data: Data) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            return "not a whole JSON object (\(data.count) bytes)"
        }
        let isToken = ["startUrl", "region", "accessToken", "expiresAt"].allSatisfy { object[$0] is String }
        let isRegistration = ["clientId", "clientSecret", "expiresAt"].allSatisfy { object[$0] is String }
        if isToken || isRegistration { return nil }
        if object["ProviderType"] as? String == "sso", let credentials = object["Credentials"] as? [String: Any],
            ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"].allSatisfy({ credentials[$0] is String })
        {
            return nil
        }
        return "a JSON object without the fields of a token, registration or credential file: \(object.keys.sorted())"
    }

    /// Every problem in a snapshot, as "path: problem".
    static func problems(_ files: [String: Data]) -> [String] {
        files.sorted { $0.key < $1.key }.compactMap { path, data in problem(data).map { "\(path): \($0)" } }
    }
}

/// Reads every cache file over and over while processes write them, remembering every moment at which
/// a file was not a whole document.
actor CachePoller {
    private(set) var sweeps = 0
    private(set) var reads = 0
    private(set) var problems: [String] = []
    private var task: Task<Void, Never>?

    func start(_ home: CLIHome) {
        task = Task.detached { [weak self] in
            while !Task.isCancelled {
                let files = CacheAudit.snapshot(home)
                await self?.record(files.count, CacheAudit.problems(files))
                // Sampling files other processes write: a reader every 3 ms of wall time.
                try? await Task.sleep(for: .milliseconds(3))
            }
        }
    }

    private func record(_ count: Int, _ found: [String]) {
        sweeps += 1
        reads += count
        problems += found
    }

    /// Stops polling and returns (sweeps, files read, problems seen).
    func stop() async -> (sweeps: Int, reads: Int, problems: [String]) {
        task?.cancel()
        await task?.value
        return (sweeps, reads, problems)
    }
}
