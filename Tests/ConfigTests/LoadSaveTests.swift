import FileStore
import Foundation
import SSOConfig
import TestSupport
import Testing

@Suite("Loading and saving the config file")
struct LoadSaveTests {
    @Test("a missing file is an empty config; saving creates it 0600 in a 0700 folder")
    func missingFile() throws {
        try withTemporaryDirectory { home in
            var file = try AWSConfigFile.load(.sandbox(home: home))
            #expect(file.profileNames.isEmpty)
            #expect(file.file.path == home.appendingPathComponent(".aws/config").path)
            file.document.addSection(.profile("new"), entries: [("region", "eu-west-1")])
            try file.save()
            let attributes = try FileManager.default.attributesOfItem(atPath: file.file.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let folder = try FileManager.default.attributesOfItem(atPath: home.appendingPathComponent(".aws").path)
            #expect((folder[.posixPermissions] as? Int) == 0o700)
            #expect(try String(contentsOf: file.file, encoding: .utf8) == "[profile new]\nregion = eu-west-1\n")
        }
    }

    @Test("saving keeps the file's mode and writes through a symbolic link")
    func modeAndLink() throws {
        try withTemporaryDirectory { home in
            let real = home.appendingPathComponent("dotfiles/aws-config")
            try FileManager.default.createDirectory(
                at: real.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(ValidCorpus.crlf.text.utf8).write(to: real)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: real.path)
            let link = home.appendingPathComponent(".aws/config")
            try FileManager.default.createDirectory(
                at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
            var file = try AWSConfigFile.load(.sandbox(home: home))
            #expect(file.profileNames == ["default", "w"])
            file.document.setValue("eu-west-1", forKey: "region", in: .defaultProfile)
            try file.save()
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
            #expect((try FileManager.default.attributesOfItem(atPath: real.path)[.posixPermissions] as? Int) == 0o644)
            #expect(
                try String(decoding: Data(contentsOf: real), as: UTF8.self)
                    == String(
                        decoding: Data(
                            ValidCorpus.crlf.text.replacingOccurrences(
                                of: "[default]\r\nregion = us-east-1", with: "[default]\r\nregion = eu-west-1"
                            ).utf8), as: UTF8.self))
        }
    }

    @Test("AWS_CONFIG_FILE is honoured and errors name that file")
    func configFileVariable() throws {
        try withTemporaryDirectory { home in
            let path = home.appendingPathComponent("elsewhere.ini")
            try Data("[default]\nregion\n".utf8).write(to: path)
            #expect(throws: ConfigError.malformedLine(file: path, line: 2, section: "default")) {
                try AWSConfigFile.load(.sandbox(home: home, variables: ["AWS_CONFIG_FILE": path.path]))
            }
        }
    }

    @Test("a folder where the file should be is a read error")
    func readFailure() throws {
        try withTemporaryDirectory { home in
            try FileManager.default.createDirectory(
                at: home.appendingPathComponent(".aws/config"), withIntermediateDirectories: true)
            let error = #expect(throws: ConfigError.self) { try AWSConfigFile.load(.sandbox(home: home)) }
            #expect(error?.code == "config_read_failed")
        }
    }
}
