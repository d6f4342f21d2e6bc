import Foundation
import Hummingbird

/// The access portal's shortcut links (`START_URL/#/console?account_id=…&role_name=…&destination=…`).
/// The fragment never reaches a server, so the portal page reads it in the browser: `GET /start/`
/// serves a page whose script sends the fragment's query to `GET /start/console`, which signs the
/// browser in to the account and role when the directory assigns them and redirects to the destination.
/// No credential travels in the link; the real portal relies on the browser's own IdP session.
struct PortalShortcutRoutes: Sendable {
    let core: EmulatorCore

    func add(to router: Router<EmulatorRequestContext>) {
        router.get("/start") { _, _ in JSONReply.html(Self.page) }
        router.get("/start/console") { request, context in
            try await OperationGate(core: core).run(.portalShortcut, context: context) { try await follow(request) }
        }
    }

    func follow(_ request: Request) async throws -> Response {
        let parameters = FormInput.parse(request.uri.query ?? "")
        guard let accountID = parameters["account_id"], !accountID.isEmpty else {
            throw ServiceFailure.missing("account_id")
        }
        guard let roleName = parameters["role_name"], !roleName.isEmpty else {
            throw ServiceFailure.missing("role_name")
        }
        let destination = parameters["destination"] ?? "https://console.aws.amazon.com/"
        guard FederationRoutes.isWebURL(destination) else {
            throw ServiceFailure(.invalidRequest, "destination must be an http or https URL")
        }
        let portals = await core.directory.directory.portals
        guard let portal = portals.first(where: { $0.account(accountID)?.roles.contains(roleName) ?? false }) else {
            throw ServiceFailure(.forbidden, "No access")
        }
        await core.federation.recordPortalLogin(
            ConsoleLogin(
                identity: "\(portal.name)/\(accountID)/\(roleName)", portal: portal.name, accountId: accountID,
                roleName: roleName, via: "portal", origin: nil, destination: destination, issuer: nil,
                sessionDuration: nil))
        return FederationRoutes.redirect(to: destination)
    }

    static let page = Pages.document(
        title: "AWS access portal",
        """
        <p id="status">Opening the console…</p>
        <script>
        const hash = window.location.hash;
        const prefix = "#/console?";
        if (hash.startsWith(prefix)) {
          window.location.replace("/start/console?" + hash.substring(prefix.length));
        } else {
          document.getElementById("status").textContent = "No shortcut in this link.";
        }
        </script>
        """
    )
}
