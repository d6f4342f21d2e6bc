import SSOConfig

/// How long a role's actor lives. A caller that asks for a profile's credentials shares the actor
/// (and its single flight) with every other caller for the life of the directory; a warm-up over
/// thousands of profiles lets go of each actor it made once that role's profiles are done, so that
/// its memory is bounded by the roles in flight, not by every role it ever fetched. An actor let go
/// of is made again on the next call, and starts from the cache file it wrote.
extension SessionDirectory {
    /// The actor of a profile's role, if one exists; none is made.
    func existingSource(for profile: SSOProfile) -> RoleCredentialSource? {
        sources[sourceKey(for: profile, portal: portal(for: profile))]
    }

    /// Lets go of `source`, the actor of `profile`'s role, unless it was replaced meanwhile.
    func release(_ source: RoleCredentialSource, of profile: SSOProfile) {
        let key = sourceKey(for: profile, portal: source.portal)
        if sources[key] === source { sources[key] = nil }
    }

    /// How many role actors the directory holds (for tests: a warm-up's are let go of).
    var sourceCount: Int { sources.count }
}
