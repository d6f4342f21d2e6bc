import Foundation
import SSOEmulator
import TestSupport
import Testing

@Suite("Knobs, counters and lifecycle")
struct KnobTests {
    @Test("the rate limit holds under concurrency")
    func rateLimitUnderConcurrency() async throws {
        var configuration = EmulatorConfiguration()
        configuration.rateLimit = 0.001
        configuration.burst = 10
        try await withEmulator(configuration) { emulator in
            let http = TestHTTP(baseURL: emulator.baseURL)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<60 {
                    group.addTask {
                        try await http.post("/client/register", ["clientName": "c", "clientType": "public"]).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 10)
            #expect(statuses.filter { $0 == 429 }.count == 50)
            let stats = await emulator.stats()
            #expect(stats.throttled == 50 && stats.calls["RegisterClient"] == 60)
            #expect(stats.errors["TooManyRequestsException"] == 50)
        }
    }

    @Test("latency is concurrent: 200 requests with 300 ms latency take about 300 ms")
    func latencyDoesNotHoldThreads() async throws {
        var configuration = EmulatorConfiguration()
        configuration.latency = .milliseconds(300)
        try await withEmulator(configuration) { emulator in
            let http = TestHTTP(baseURL: emulator.baseURL)
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<200 {
                        group.addTask {
                            _ = try await http.post("/client/register", ["clientName": "c", "clientType": "public"])
                        }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(elapsed >= .milliseconds(300))
            // Served one after another they would take 60 s. More than 20 in flight at once (below) is the
            // proof that latency holds no thread; the time bound only rules out serial service, with room
            // for a heavily loaded 2-core machine (the figure itself is measured in Benchmarks/emulator).
            #expect(elapsed < .seconds(50))
            #expect(await emulator.stats().maxInFlight > 20)
        }
    }

    @Test("injected 500s count as failed; knobs change at run time; reset clears counters")
    func faultsAndRuntimeKnobs() async throws {
        try await withEmulator { emulator in
            let http = TestHTTP(baseURL: emulator.baseURL)
            await emulator.update { $0.failRate = 1 }
            let failed = try await http.post("/client/register", ["clientName": "c", "clientType": "public"])
            #expect(failed.status == 500 && failed.errorType == "InternalServerException")
            await emulator.update { $0.failRate = 0 }
            #expect(try await http.post("/client/register", ["clientName": "c", "clientType": "public"]).status == 200)
            let stats = await emulator.stats()
            #expect(stats.failed == 1 && stats.faults == ["error": 1] && stats.calls["RegisterClient"] == 2)
            await emulator.reset()
            #expect(await emulator.stats() == EmulatorStats())
        }
    }

    @Test("a stalled request is answered after the stall and counted")
    func stall() async throws {
        var configuration = EmulatorConfiguration()
        configuration.stallRate = 1
        configuration.stallDuration = .milliseconds(400)
        try await withEmulator(configuration) { emulator in
            let http = TestHTTP(baseURL: emulator.baseURL)
            let clock = ContinuousClock()
            let start = clock.now
            let reply = try await http.post("/client/register", ["clientName": "c", "clientType": "public"])
            #expect(reply.status == 200)
            #expect(clock.now - start >= .milliseconds(400))
            #expect(await emulator.stats().faults == ["stall": 1])
        }
    }

    @Test("withEmulator shuts the server down when the body throws")
    func shutdownOnThrow() async throws {
        struct Boom: Error {}
        let box = PortBox()
        await #expect(throws: Boom.self) {
            try await withEmulator { emulator in
                await box.set(emulator.baseURL)
                throw Boom()
            }
        }
        let url = try #require(await box.url)
        await #expect(throws: (any Error).self) {
            _ = try await TestHTTP(baseURL: url).send("GET", "/_admin/stats")
        }
    }

    @Test("the generated directory is reproducible and round-trips through JSON")
    func directory() throws {
        var configuration = EmulatorConfiguration()
        configuration.portals = 3
        configuration.accountsPerPortal = 40
        configuration.rolesPerAccount = 12
        let first = configuration.resolvedDirectory()
        #expect(first == configuration.resolvedDirectory())
        #expect(first.validationProblem() == nil)
        #expect(
            first.portals.allSatisfy {
                $0.startURL.range(of: #"^https://d-[0-9a-f]{10}\.awsapps\.com/start$"#, options: .regularExpression)
                    != nil
            })
        #expect(Set(first.portals.flatMap { $0.accounts.map(\.accountID) }).count == 120)
        #expect(first.portals[0].accounts[0].roles.count == 12)
        let decoded = try JSONDecoder().decode(EmulatorDirectory.self, from: try JSONEncoder().encode(first))
        #expect(decoded == first)
        let text = String(decoding: try JSONEncoder().encode(first), as: UTF8.self)
        #expect(text.contains("\"startUrl\"") && text.contains("\"accountId\""))
    }

    @Test("a directory file with a bad account ID is refused with its path")
    func invalidDirectoryFile() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("directory.json")
            try Data(
                #"{"portals":[{"name":"a","startUrl":"https://d-1.awsapps.com/start","region":"us-east-1","accounts":[{"accountId":"12","accountName":"x","emailAddress":"e","roles":[]}]}]}"#
                    .utf8
            ).write(to: file)
            #expect(
                throws: EmulatorError.invalidDirectory(
                    path: file.path, reason: "portal \"a\": account ID \"12\" is not 12 digits")
            ) {
                try EmulatorDirectory.load(from: file)
            }
        }
    }
}

actor PortBox {
    var url: URL?
    func set(_ url: URL) { self.url = url }
}
