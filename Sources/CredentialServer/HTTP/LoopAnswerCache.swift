import Foundation
import NIOCore
import SessionActors

/// The credentials answers an event loop can write without leaving it: per loop and per profile, the
/// whole encoded answer (status line, headers and body, built once from the router's answer, one buffer
/// for connections kept alive and one for those closing) and when its credentials expire.
///
/// An answer is used only while its credentials are fresh by the directory's margins and clock (more
/// than the refresh window left: the same test as the role's actor makes), and the actor is asked
/// again once a second (by one request; the others keep the answer until it replies), so a renewal,
/// a forced refresh or a logout in the actor is seen within about a second. Anything else goes to the
/// router, whose answer refills (or clears) the table.
struct LoopAnswerCache: Sendable {
    /// One encoded answer.
    struct Entry: Sendable {
        var keepAlive: ByteBuffer
        var close: ByteBuffer
        var expiration: Date
        var checkedUntil: NIODeadline
    }

    private let tables: [ObjectIdentifier: NIOLoopBoundBox<[String: Entry]>]
    private let clock: WallClock
    private let margins: ExpiryMargins
    /// How long an answer is used before the actor is asked again.
    static let recheck = TimeAmount.seconds(1)

    /// A table for each loop of `group`, judging freshness with `clock` and `margins`.
    init(group: any EventLoopGroup, clock: WallClock, margins: ExpiryMargins) {
        var tables: [ObjectIdentifier: NIOLoopBoundBox<[String: Entry]>] = [:]
        for loop in group.makeIterator() {
            tables[ObjectIdentifier(loop)] = .makeBoxSendingValue([:], eventLoop: loop)
        }
        self.tables = tables
        self.clock = clock
        self.margins = margins
    }

    /// The answer for `profile` on `loop` (the caller's own loop), while it may still be used. Once a
    /// second one request gets nil and so asks the actor again; the others keep the answer until the
    /// actor's reply replaces it (``store(_:for:on:)``).
    func entry(for profile: String, on loop: any EventLoop) -> Entry? {
        guard let table = tables[ObjectIdentifier(loop)], let entry = table.value[profile] else { return nil }
        guard Freshness(expiresAt: entry.expiration, now: clock.now(), margins: margins) == .fresh else {
            table.value[profile] = nil
            return nil
        }
        let now = NIODeadline.now()
        guard now < entry.checkedUntil else {
            table.value[profile]?.checkedUntil = now + Self.recheck
            return nil
        }
        return entry
    }

    /// Keeps the router's `response` for `profile` on `loop` when it carries fresh credentials, and
    /// drops what the loop held for it otherwise (an error, held credentials after a failed renewal).
    func store(_ response: ServerResponse, for profile: String, on loop: any EventLoop) {
        guard let table = tables[ObjectIdentifier(loop)] else { return }
        guard response.status == 200, let expiration = response.credentialsExpiration,
            Freshness(expiresAt: expiration, now: clock.now(), margins: margins) == .fresh
        else {
            table.value[profile] = nil
            return
        }
        table.value[profile] = Entry(
            keepAlive: response.encoded(keepAlive: true), close: response.encoded(keepAlive: false),
            expiration: expiration,
            checkedUntil: .now() + Self.recheck)
    }
}
