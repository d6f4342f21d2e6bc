import FileStore
import Foundation
import SSOCache
import SSOConfig
import SessionActors
import Testing

/// The codes JSON output and the exit-status mapping see: one `config_` or `cache_` prefix, never two.
@Suite("Error codes")
struct ErrorCodeTests {
    let file = URL(fileURLWithPath: "/home/someone/.aws/config")

    @Test("a config error wrapped in a session error keeps one config_ prefix")
    func configCodes() {
        #expect(
            SessionError.config(.malformedLine(file: file, line: 3, section: "default")).code == "config_malformed_line"
        )
        #expect(SessionError.config(.profileNotFound(profile: "dev", file: file)).code == "config_profile_not_found")
        #expect(
            ConfigError.malformedLine(file: file, line: 3, section: "default").qualifiedCode == "config_malformed_line")
        #expect(ConfigError.profileNotFound(profile: "dev", file: file).qualifiedCode == "config_profile_not_found")
    }

    @Test("a cache error wrapped in a session error keeps one cache_ prefix")
    func cacheCodes() {
        #expect(SessionError.cache(.lockTimedOut(file: "/tmp/x.lock", seconds: 900)).code == "cache_lock_timed_out")
        #expect(
            SessionError.cache(.fileSystem(.cannotWrite(path: "/tmp/x.json", reason: "full"))).code
                == "cache_cannot_write")
    }
}
