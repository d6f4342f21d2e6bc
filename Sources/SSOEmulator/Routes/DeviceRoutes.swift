import Foundation
import Hummingbird

/// The device verification page (`verificationUri`): a person, or a test, approves or denies a user code.
struct DeviceRoutes: Sendable {
    let core: EmulatorCore

    func add(to router: Router<EmulatorRequestContext>) {
        router.get("/device") { request, _ in
            await page(request)
        }
        router.post("/device") { request, _ in
            await decide(request)
        }
    }

    func page(_ request: Request) async -> Response {
        guard let userCode = request.uri.queryParameters["user_code"].map(String.init), !userCode.isEmpty else {
            return JSONReply.html(Pages.deviceCodeEntry())
        }
        guard let pending = await core.identity.describe(userCode: userCode, now: core.now()) else {
            return JSONReply.html(
                status: 400,
                Pages.message(title: "Invalid code", "The code \(userCode) is unknown, expired or already used."))
        }
        let startURL = await core.portal(named: pending.portalName)?.startURL ?? pending.portalName
        return JSONReply.html(
            Pages.deviceApproval(userCode: userCode, clientName: pending.clientName, startURL: startURL))
    }

    func decide(_ request: Request) async -> Response {
        let form = await FormInput.read(request)
        let userCode = form["user_code"] ?? ""
        let decision: EmulatorConfiguration.Decision = form["decision"] == "deny" ? .deny : .allow
        guard await core.identity.decide(userCode: userCode, decision: decision, now: core.now()) else {
            return JSONReply.html(
                status: 400,
                Pages.message(title: "Invalid code", "The code \(userCode) is unknown, expired or already used."))
        }
        let outcome = decision == .allow ? "Request approved" : "Request denied"
        return JSONReply.html(Pages.message(title: outcome, "You can close this window and return to your terminal."))
    }
}
