import Foundation
import Hummingbird

/// Routes for tests and scripts under `/_admin`: counters, the directory (read and replace), approvals,
/// revocation, expiry and knobs at run time. They bypass latency, rate limits and faults.
struct AdminRoutes: Sendable {
    let core: EmulatorCore

    func add(to router: Router<EmulatorRequestContext>) {
        router.get("/_admin/stats") { _, _ in
            JSONReply.make(json: await core.counters.snapshot())
        }
        router.post("/_admin/reset") { _, _ in
            await core.counters.reset()
            return JSONReply.make(json: await core.counters.snapshot())
        }
        router.get("/_admin/directory") { _, _ in
            JSONReply.make(json: await core.directory.directory)
        }
        router.post("/_admin/directory") { request, _ in
            try await replaceDirectory(request)
        }
        router.post("/_admin/approve") { request, _ in
            try await decide(request, .allow)
        }
        router.post("/_admin/deny") { request, _ in
            try await decide(request, .deny)
        }
        router.post("/_admin/revoke") { request, _ in
            let portal = try await portalArgument(request)
            await core.identity.revokeAll(portal: portal)
            return JSONReply.make(json: ["revoked": portal ?? "*"])
        }
        router.post("/_admin/forget-clients") { _, _ in
            JSONReply.make(json: ["forgotten": await core.identity.forgetClients()])
        }
        router.post("/_admin/expire-access-tokens") { request, _ in
            let portal = try await portalArgument(request)
            await core.identity.expireAllAccessTokens(portal: portal, now: core.now())
            return JSONReply.make(json: ["expired": portal ?? "*"])
        }
        router.get("/_admin/console-logins") { _, _ in
            JSONReply.make(json: await core.federation.logins)
        }
        router.get("/_admin/config") { _, _ in
            JSONReply.make(json: KnobsDocument(await core.knobs.configuration))
        }
        router.post("/_admin/config") { request, _ in
            try await updateKnobs(request)
        }
    }

    private func decide(_ request: Request, _ decision: EmulatorConfiguration.Decision) async throws -> Response {
        let input: JSONInput
        let userCode: String
        do {
            input = try await JSONInput.read(request)
            userCode = try input.requiredString("userCode")
        } catch let failure as ServiceFailure {
            return failure.response(for: .oidc)
        }
        let done = await core.identity.decide(userCode: userCode, decision: decision, now: core.now())
        let key = decision == .allow ? "approved" : "denied"
        return JSONReply.make(status: done ? 200 : 404, json: [key: done])
    }

    /// The optional `portal` member; an unknown portal name is a 400.
    private func portalArgument(_ request: Request) async throws -> String? {
        let name: String?
        do {
            name = try await JSONInput.read(request).string("portal")
        } catch let failure as ServiceFailure {
            throw HTTPError(.badRequest, message: failure.message)
        }
        guard let name else { return nil }
        guard await core.portal(named: name) != nil else {
            throw HTTPError(.badRequest, message: "Unknown portal \(name)")
        }
        return name
    }

    /// Replaces the accounts and roles with a document of the `GET /_admin/directory` shape.
    private func replaceDirectory(_ request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 64 << 20)
        let replacement: EmulatorDirectory
        do {
            replacement = try JSONDecoder().decode(EmulatorDirectory.self, from: Data(buffer.readableBytesView))
        } catch {
            throw HTTPError(.badRequest, message: "Not a directory document: \(error)")
        }
        if let problem = await core.directory.replace(with: replacement) {
            throw HTTPError(.badRequest, message: "The directory is invalid: \(problem)")
        }
        return JSONReply.make(json: replacement)
    }

    private func updateKnobs(_ request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let change: KnobsDocument
        do {
            change = try JSONDecoder().decode(KnobsDocument.self, from: Data(buffer.readableBytesView))
        } catch {
            throw HTTPError(.badRequest, message: "Not a knobs document: \(error)")
        }
        var updated = await core.knobs.configuration
        change.apply(to: &updated)
        if let problem = updated.validationProblem() {
            throw HTTPError(.badRequest, message: problem)
        }
        let replacement = updated
        await core.knobs.update { $0 = replacement }
        return JSONReply.make(json: KnobsDocument(updated))
    }
}
