import SSOConfig

/// How long a role's actor lives. A caller that asks for a profile's credentials shares the actor
/// (and its single flight) with every other caller for the life of the directory; a warm-up over
/// thousands of profiles lets go of each actor it made once that role's profiles are done, so that
/// its memory is bounded by the roles in flight, not by every role it ever fetched. An actor let go
/// of is made again on the next call, and starts from the cache file it wrote.
///
/// In a long-lived process (`agent --serve`, `serve`) another caller can take an actor from the
/// directory while a warm-up holds it: that actor then stays, so that the role keeps one actor (and
/// one fetch at a time) for the caller still using it and every caller after. Warm-ups running at
/// once share an actor too, and the last one done lets go of it.
extension SessionDirectory {
    /// The actor of a warm-up item's role, and whether the warm-up holds it (and must ``release(_:of:)``
    /// it when the item is done): when it made it or another warm-up holds it, unless `keeping`
    /// (the caller keeps the actors, as any other caller does).
    func warmUpSource(for profile: SSOProfile, keeping: Bool) -> (source: RoleCredentialSource, held: Bool) {
        let (source, made) = sourceMadeIfNeeded(for: profile)
        if keeping { return (keep(source), false) }
        let id = ObjectIdentifier(source)
        if made {
            warmUpHolds[id] = 1
            return (source, true)
        }
        guard let holds = warmUpHolds[id] else { return (source, false) }
        warmUpHolds[id] = holds + 1
        return (source, true)
    }

    /// `source`, handed to a caller other than a warm-up: it stays for the life of the directory.
    func keep(_ source: RoleCredentialSource) -> RoleCredentialSource {
        if !warmUpHolds.isEmpty { warmUpHolds[ObjectIdentifier(source)] = nil }
        return source
    }

    /// The actor of a profile's role, if one exists; none is made.
    func existingSource(for profile: SSOProfile) -> RoleCredentialSource? {
        sources[sourceKey(for: profile, portal: portal(for: profile))]
    }

    /// A warm-up item is done with `source`, the actor of `profile`'s role: it is let go of when no
    /// other warm-up holds it and no other caller took it meanwhile.
    func release(_ source: RoleCredentialSource, of profile: SSOProfile) {
        let id = ObjectIdentifier(source)
        guard let holds = warmUpHolds[id] else { return }
        if holds > 1 {
            warmUpHolds[id] = holds - 1
            return
        }
        warmUpHolds[id] = nil
        let key = sourceKey(for: profile, portal: source.portal)
        if sources[key] === source { sources[key] = nil }
    }

    /// How many role actors the directory holds (for tests: a warm-up's are let go of).
    var sourceCount: Int { sources.count }
}
