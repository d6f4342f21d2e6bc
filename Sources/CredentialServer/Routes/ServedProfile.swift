import SSOConfig

/// A served profile, held by reference so that routing a request to it copies one pointer rather than
/// the profile's settings.
final class ServedProfile: Sendable {
    let name: String
    let credentials: ProfileCredentials

    init(name: String, credentials: ProfileCredentials) {
        self.name = name
        self.credentials = credentials
    }
}
