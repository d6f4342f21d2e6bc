public import FileStore
import Foundation

/// The SSO profile and `[sso-session]` names of a config file, which shell completion offers on every
/// Tab press: read by one scan of the section headers and keys when the file is of a shape the scan
/// decides on its own (see ``scan(_:)``), by the full parser otherwise, with the same answers.
public struct ConfigNames: Sendable, Equatable {
    /// The profiles with any of ``AWSConfigFile/ssoKeys``, in botocore's order.
    public var ssoProfiles: [String]
    /// The `[sso-session]` names, in botocore's order.
    public var ssoSessions: [String]

    public init(ssoProfiles: [String], ssoSessions: [String]) {
        self.ssoProfiles = ssoProfiles
        self.ssoSessions = ssoSessions
    }

    /// The names of a parsed file.
    public init(config: AWSConfigFile) {
        ssoProfiles = config.profileNames.filter { config.isSSOProfile($0) }
        ssoSessions = config.ssoSessionNames
    }

    /// The names of the config file `environment` names; none when there is no file or when the
    /// full parser refuses it (completion then offers nothing, and the commands report the error).
    public static func load(_ environment: AWSEnvironment) -> ConfigNames {
        let file = environment.configFile
        let none = ConfigNames(ssoProfiles: [], ssoSessions: [])
        guard
            let bytes = try? AtomicFile.readRegularFileBytes(
                file.resolvingSymlinksInPath(), limit: AWSConfigFile.sizeLimit)
        else { return none }
        if let names = scan(bytes) { return names }
        guard let document = try? ConfigDocument(parsing: Data(bytes), file: file) else { return none }
        return ConfigNames(config: AWSConfigFile(document: document, file: file, environment: environment))
    }
}
