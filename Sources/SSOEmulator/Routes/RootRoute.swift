import Hummingbird

/// `GET /`: what a reachability probe (`multisso doctor`) asks. The real endpoints answer an unknown
/// path with an error and their `Date` header; the emulator answers 404 the same way and counts the
/// request as "Root", bypassing latency, rate limits and faults.
struct RootRoute: Sendable {
    let core: EmulatorCore

    func add(to router: Router<EmulatorRequestContext>) {
        router.get("/") { _, _ in
            await core.counters.begin("Root")
            await core.counters.end()
            return JSONReply.make(status: 404, json: ["message": "UnknownOperationException"])
        }
    }
}
