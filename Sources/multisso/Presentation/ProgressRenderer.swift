import Foundation
import SessionActors

/// Renders warm-up events: on a terminal, one live line per portal (done / total, throttled, failed,
/// elapsed), redrawn in place at most ten times a second; otherwise plain log lines for portal events
/// and failures (and each profile with `-v`). Quiet, it draws nothing: the command reports the
/// outcome itself (a JSON document, or exec's own line per failed profile).
actor ProgressRenderer {
    private struct PortalLine {
        var total = 0
        var done = 0
        var cached = 0
        var failed = 0
        var throttled = 0
        var state = "logging in"
    }

    private let console: Console
    private let live: Bool
    private let verbose: Bool
    private let quiet: Bool
    private let started = ContinuousClock.now
    private var order: [String] = []
    private var lines: [String: PortalLine] = [:]
    private var drawnLines = 0
    private var lastDraw: ContinuousClock.Instant?

    init(console: Console, verbose: Bool, quiet: Bool) {
        self.console = console
        self.live = console.stderrIsTerminal && !quiet
        self.verbose = verbose && !quiet
        self.quiet = quiet
    }

    /// A sink that forwards events to this renderer, in order. A profile's success changes nothing
    /// this renderer shows unless it draws live or logs each profile (`-v`), so it is then not sent:
    /// `login --all` with nothing to do would otherwise wake the renderer once per profile.
    nonisolated func sink() -> (ProgressSink, AsyncStream<ProgressEvent>.Continuation, AsyncStream<ProgressEvent>) {
        let (stream, continuation) = AsyncStream<ProgressEvent>.makeStream()
        let showsProfiles = live || verbose
        return (
            ProgressSink { event in
                if case .profileDone = event, !showsProfiles { return }
                continuation.yield(event)
            }, continuation, stream
        )
    }

    /// Consumes events until the stream ends, then draws the final state.
    func consume(_ stream: AsyncStream<ProgressEvent>) async {
        for await event in stream { handle(event) }
        if live { draw(force: true) }
    }

    private func handle(_ event: ProgressEvent) {
        switch event {
        case .portalStarted(let portal, let profiles):
            if lines[portal] == nil { order.append(portal) }
            lines[portal, default: PortalLine()].total += profiles
            if !live && !quiet { console.err("[\(portal)] ensuring a token for \(profiles) profile(s)") }
        case .portalReady(let portal):
            lines[portal, default: PortalLine()].state = "fetching credentials"
            if !live && !quiet { console.err("[\(portal)] token ready") }
        case .portalFailed(let portal, let error):
            lines[portal, default: PortalLine()].state = "login failed"
            if !live && !quiet { console.err("[\(portal)] login failed: \(error)") }
        case .profileDone(let profile, let portal, let fromCache, _):
            lines[portal, default: PortalLine()].done += 1
            if fromCache { lines[portal, default: PortalLine()].cached += 1 }
            if verbose && !live {
                console.err("[\(portal)] \(profile): credentials \(fromCache ? "cached" : "fetched")")
            }
        case .profileFailed(let profile, let portal, let code, let message):
            lines[portal, default: PortalLine()].failed += 1
            if !live && !quiet { console.err("[\(portal)] \(profile): failed (\(code)): \(message)") }
        case .throttled(let portal, _):
            lines[portal, default: PortalLine()].throttled += 1
            if verbose && !live { console.err("[\(portal)] throttled; slowing down") }
        case .retrying(let portal, let attempt, let reason):
            if verbose && !live { console.err("[\(portal)] retrying after \(reason) (attempt \(attempt))") }
        }
        if live { draw(force: false) }
    }

    private func draw(force: Bool) {
        let now = ContinuousClock.now
        if !force, let lastDraw, now - lastDraw < .milliseconds(100) { return }
        lastDraw = now
        let elapsed = now - started
        var text = ""
        if drawnLines > 0 { text += "\u{1B}[\(drawnLines)A" }
        for portal in order {
            guard let line = lines[portal] else { continue }
            let finished = line.done + line.failed
            let state = finished == line.total && line.total > 0 ? "done" : line.state
            text +=
                "\u{1B}[2K" + console.styled(portal, "1")
                + "  \(finished)/\(line.total)  cached \(line.cached)  throttled \(line.throttled)  "
                + (line.failed > 0 ? console.styled("failed \(line.failed)", "31") : "failed 0")
                + "  \(String(format: "%.1f", elapsed.seconds))s  \(state)\n"
        }
        drawnLines = order.count
        Console.write(text, to: 2)
    }
}

extension Duration {
    /// Seconds as a Double, for display.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
