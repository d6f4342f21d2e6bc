import FileStore
import Foundation
import TestSupport
import Testing

/// `AtomicFile.removeFiles(atPaths:)`: the old credential files of a refresh, removed several at once.
@Suite("Removing many old files at once")
struct RemoveFilesTests {
    @Test(
        "every path is removed, missing ones are no error, and nothing else in the folder is touched",
        arguments: [0, 1, 3, 64, 300])
    func removesEveryPath(count: Int) throws {
        try withTemporaryDirectory { root in
            let paths = (0..<count).map { root.appendingPathComponent(".old-\($0).tmp").path }
            for path in paths { try Data("{}".utf8).write(to: URL(fileURLWithPath: path)) }
            let kept = root.appendingPathComponent("kept.json")
            try Data("{}".utf8).write(to: kept)
            let missing = root.appendingPathComponent(".gone.tmp").path
            AtomicFile.removeFiles(atPaths: paths + [missing])
            let left = try FileManager.default.contentsOfDirectory(atPath: root.path)
            #expect(left == ["kept.json"])
        }
    }
}
