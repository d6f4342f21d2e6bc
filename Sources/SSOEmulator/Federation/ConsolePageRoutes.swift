import Foundation
import Hummingbird

/// A stand-in for the AWS console's pages (`/SERVICE/home`, e.g. `/s3/home?region=eu-west-1`): a
/// browser that followed a sign-in URL lands here when the console's host is mapped to the emulator
/// (Chromium's `--host-resolver-rules`), and the page names the service and region it was asked for.
struct ConsolePageRoutes: Sendable {
    let core: EmulatorCore

    func add(to router: Router<EmulatorRequestContext>) {
        router.get("/{service}/home") { request, context in
            let service = context.parameters.get("service") ?? "console"
            let region = FormInput.parse(request.uri.query ?? "")["region"] ?? "global"
            await core.counters.begin(Operation.consolePage.rawValue)
            await core.counters.end()
            return JSONReply.html(
                Pages.message(
                    title: "AWS console stand-in", "Console page of \(service) in \(region), served by the emulator."))
        }
    }
}
