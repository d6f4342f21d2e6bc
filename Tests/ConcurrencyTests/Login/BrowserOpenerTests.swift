import FileStore
import Foundation
import SessionActors
import TestSupport
import Testing

@Suite("Browser opener")
struct BrowserOpenerTests {
    /// A temporary folder with an empty `bin` (the injected PATH, so no real opener runs) and a
    /// `$BROWSER` script that records its arguments, one per line.
    struct Sandbox {
        let root: URL
        let bin: URL
        let script: URL
        let record: URL

        /// Runs `body` with a fresh sandbox, removed afterwards.
        static func with(_ body: (Sandbox) async throws -> Void) async throws {
            try await withTemporaryDirectory { root in try await body(try Sandbox(root: root)) }
        }

        private init(root: URL) throws {
            self.root = root
            bin = root.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            script = root.appendingPathComponent("record-browser")
            record = root.appendingPathComponent("args.txt")
            let body =
                "#!/bin/sh\nPATH=/usr/bin:/bin\nprintf '%s\\n' \"$@\" > '\(record.path).tmp'\nmv '\(record.path).tmp' '\(record.path)'\n"
            try Data(body.utf8).write(to: script)
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: script.path)
        }

        func environment(browser: String?) -> AWSEnvironment {
            var variables = ["HOME": root.path, "PATH": bin.path]
            variables["BROWSER"] = browser
            return AWSEnvironment(variables: variables)
        }

        /// Waits up to 10 s for the script (another process) to have run.
        func recordedArguments() async -> [String]? {
            guard await eventually(timeout: .seconds(10), { FileManager.default.fileExists(atPath: record.path) }),
                let data = FileManager.default.contents(atPath: record.path)
            else { return nil }
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    let url = URL(string: "https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&state=a%20b")!

    @Test("$BROWSER gets the URL as its only argument")
    func browserVariable() async throws {
        try await Sandbox.with { sandbox in
            let opener = BrowserOpener(environment: sandbox.environment(browser: sandbox.script.path), disabled: false)
            #expect(await opener.open(url))
            #expect(await sandbox.recordedArguments() == [url.absoluteString])
        }
    }

    @Test("colon-separated entries: a missing command is skipped, %s is substituted")
    func listWithSubstitution() async throws {
        try await Sandbox.with { sandbox in
            let browser = "/nonexistent/browser:\(sandbox.script.path) --new-window '%s' &"
            let opener = BrowserOpener(environment: sandbox.environment(browser: browser), disabled: false)
            #expect(await opener.open(url))
            #expect(await sandbox.recordedArguments() == ["--new-window", url.absoluteString])
        }
    }

    @Test("returns false when nothing can be launched, and when disabled")
    func nothingLaunched() async throws {
        try await Sandbox.with { sandbox in
            let missing = BrowserOpener(
                environment: sandbox.environment(browser: "/nonexistent/browser"), disabled: false)
            #expect(await missing.open(url) == false)
            let disabled = BrowserOpener(environment: sandbox.environment(browser: sandbox.script.path), disabled: true)
            #expect(await disabled.open(url) == false)
            // An absence: a launch the opener should not have made gets this much wall time to show up.
            try await Task.sleep(for: .milliseconds(300))
            #expect(!FileManager.default.fileExists(atPath: sandbox.record.path))
        }
    }

    @Test("command lines follow Python's webbrowser order")
    func commandLines() {
        let environment = AWSEnvironment(variables: ["HOME": "/h", "BROWSER": "firefox:chromium %s --incognito"])
        let opener = BrowserOpener(environment: environment, disabled: false, probe: .nothing)
        let lines = opener.commandLines(for: url)
        #expect(lines.first == ["firefox", url.absoluteString])
        #expect(lines.dropFirst().first == ["chromium", url.absoluteString, "--incognito"])
        #expect(lines.count == 3)
    }
}

@Suite("Headless detection")
struct HeadlessReasonTests {
    private func reason(_ variables: [String: String], probe: SystemProbe = .nothing) -> String? {
        BrowserOpener.headlessReason(
            environment: AWSEnvironment(variables: variables.merging(["HOME": "/h"]) { a, _ in a }), probe: probe)
    }

    @Test("a desktop session is not headless")
    func desktop() {
        #expect(reason(["DISPLAY": ":0"]) == nil)
        #expect(reason([:]) == nil)
    }

    @Test("SSH without a display is headless; with X forwarding or Wayland it is not")
    func ssh() throws {
        let text = try #require(reason(["SSH_CONNECTION": "10.0.0.1 5000 10.0.0.2 22"]))
        #expect(text.contains("SSH"))
        #expect(reason(["SSH_TTY": "/dev/pts/1", "DISPLAY": "localhost:10.0"]) == nil)
        #expect(reason(["SSH_CLIENT": "10.0.0.1 5000 22", "WAYLAND_DISPLAY": "wayland-0"]) == nil)
    }

    @Test("an explicit BROWSER wins over every heuristic")
    func browserWins() {
        #expect(reason(["SSH_CONNECTION": "x", "BROWSER": "lynx"]) == nil)
    }

    @Test("a container without a display is headless")
    func container() throws {
        let docker = SystemProbe.files(["/.dockerenv": ""])
        #expect(try #require(reason([:], probe: docker)).contains("container"))
        let cgroup = SystemProbe.files(["/proc/1/cgroup": "0::/kubepods/besteffort/pod1"])
        #expect(reason([:], probe: cgroup) != nil)
        #expect(reason(["container": "podman"]) != nil)
        #expect(reason(["DISPLAY": ":0"], probe: docker) == nil)
    }

    @Test("WSL is headless only without wslview or xdg-open")
    func wsl() throws {
        let wsl = SystemProbe.files(["/proc/sys/kernel/osrelease": "5.15.90.1-microsoft-standard-WSL2"])
        #expect(try #require(reason(["PATH": "/usr/bin"], probe: wsl)).contains("WSL"))
        let withWslview = SystemProbe.files(
            ["/proc/sys/kernel/osrelease": "5.15.90.1-microsoft-standard-WSL2", "/usr/bin/wslview": "#!/bin/sh"])
        #expect(reason(["PATH": "/usr/bin"], probe: withWslview) == nil)
        #expect(reason(["WSL_DISTRO_NAME": "Ubuntu", "PATH": "/usr/bin"]) != nil)
    }
}

extension SystemProbe {
    /// A machine with exactly these files (every file executable).
    static func files(_ files: [String: String]) -> SystemProbe {
        SystemProbe(
            fileExists: { files[$0] != nil }, readFile: { files[$0] }, isExecutable: { files[$0] != nil })
    }

    /// A machine with no files at all.
    static let nothing = SystemProbe.files([:])
}
