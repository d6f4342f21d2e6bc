import FileStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The two cache folders: owned by the user, not writable by others, files readable by the owner only.
extension Doctor {
    func cacheFolders() -> [DoctorFinding] {
        [environment.ssoCacheDirectory, environment.cliCacheDirectory].flatMap(checkFolder)
    }

    private func checkFolder(_ folder: URL) -> [DoctorFinding] {
        var info = stat()
        guard stat(folder.path, &info) == 0 else {
            return [
                DoctorFinding(
                    check: "cache", severity: .ok,
                    message: "\(folder.path) does not exist yet (the first login creates it)")
            ]
        }
        let user = geteuid()
        var findings: [DoctorFinding] = []
        if info.st_uid != user {
            findings.append(
                DoctorFinding(
                    check: "cache", severity: .error,
                    message:
                        "\(folder.path) belongs to user id \(info.st_uid), not to you (\(user)): logins cannot write their tokens there",
                    fix: "sudo chown -R \"$(id -un)\" \(folder.path)"))
        }
        if info.st_mode & 0o022 != 0 {
            findings.append(
                DoctorFinding(
                    check: "cache", severity: .error,
                    message:
                        "\(folder.path) is writable by other users (mode \(String(info.st_mode & 0o777, radix: 8))): they could replace your tokens",
                    fix: "chmod 700 \(folder.path)"))
        }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var foreign: [String] = []
        var exposed: [String] = []
        for name in files.sorted() where name.hasSuffix(".json") {
            var fileInfo = stat()
            guard lstat(folder.appendingPathComponent(name).path, &fileInfo) == 0 else { continue }
            if fileInfo.st_uid != user { foreign.append(name) }
            if fileInfo.st_mode & 0o077 != 0 { exposed.append(name) }
        }
        if !foreign.isEmpty {
            findings.append(
                DoctorFinding(
                    check: "cache", severity: .error,
                    message:
                        "\(foreign.count) files in \(folder.path) belong to another user (\(foreign.prefix(3).joined(separator: ", "))): "
                        + "usually a `sudo aws …` or `sudo multisso …` run",
                    fix: "sudo chown -R \"$(id -un)\" \(folder.path)"))
        }
        if !exposed.isEmpty {
            findings.append(
                DoctorFinding(
                    check: "cache", severity: .warning,
                    message:
                        "\(exposed.count) files in \(folder.path) can be read by other users (\(exposed.prefix(3).joined(separator: ", "))): "
                        + "they hold tokens or credentials",
                    fix: "chmod 600 \(folder.path)/*.json"))
        }
        if findings.isEmpty {
            findings.append(
                DoctorFinding(check: "cache", severity: .ok, message: "\(folder.path) is yours and private"))
        }
        return findings
    }
}
