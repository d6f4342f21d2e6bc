public import Foundation

/// A profile whose credentials come from assuming roles (`role_arn` + `source_profile`), resolved with
/// botocore's rules: the credentials at the root, then each role to assume, from the root outwards, all
/// through the STS endpoint of the profile asked for (botocore creates every hop's STS client with the
/// selected profile's settings).
public struct RoleChain: Sendable, Hashable {
    /// The profile asked for: the last hop's profile.
    public var profile: String
    /// What signs the first `AssumeRole`.
    public var root: ChainRoot
    /// The roles to assume, the root's first; never empty.
    public var hops: [RoleHop]
    /// Where every hop's `AssumeRole` goes and the region it is signed for.
    public var sts: STSEndpoint
    /// The profile's `region` (where its API calls go).
    public var region: String?
    /// The config file and the line of the profile's header.
    public var file: URL
    public var line: Int

    public init(
        profile: String, root: ChainRoot, hops: [RoleHop], sts: STSEndpoint, region: String?, file: URL, line: Int
    ) {
        self.profile = profile
        self.root = root
        self.hops = hops
        self.sts = sts
        self.region = region
        self.file = file
        self.line = line
    }

    /// `spoke ← hub ← root (sso: corp)`: the profiles from this one back to the root.
    public var summary: String {
        let names = hops.reversed().map(\.profile) + [root.profile]
        return names.joined(separator: " ← ") + " (\(root.kind))"
    }
}

/// The credentials at the root of a role chain.
public enum ChainRoot: Sendable, Hashable {
    /// An SSO profile (an `[sso-session]` one or a legacy one), fetched by multisso's actors.
    case sso(SSOProfile)
    /// `aws_access_key_id` and `aws_secret_access_key` in the source profile, as botocore uses them.
    case staticKeys(StaticCredentials)

    /// The root profile's name.
    public var profile: String {
        switch self {
        case .sso(let profile): profile.name
        case .staticKeys(let keys): keys.profile
        }
    }

    /// `sso: corp`, `sso: https://…/start` or `static keys`, for status lines.
    public var kind: String {
        switch self {
        case .sso(let profile): "sso: " + (profile.session.name ?? profile.session.startURL)
        case .staticKeys: "static keys"
        }
    }
}

/// Static keys from the config file. The description never shows the secret.
public struct StaticCredentials: Sendable, Hashable, CustomStringConvertible {
    public var profile: String
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(profile: String, accessKeyID: String, secretAccessKey: String, sessionToken: String?) {
        self.profile = profile
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public var description: String { "static keys of profile \(profile)" }
}

/// One role to assume: the `AssumeRole` parameters of one profile with `role_arn`.
public struct RoleHop: Sendable, Hashable {
    /// The profile that names the role.
    public var profile: String
    public var roleARN: String
    /// `role_session_name`; nil means botocore's default `botocore-session-<unix time>`.
    public var sessionName: String?
    public var externalID: String?
    /// `duration_seconds` when it reads as an integer (botocore ignores it otherwise).
    public var durationSeconds: Int?
    /// `mfa_serial`: the MFA device whose code `AssumeRole` needs.
    public var mfaSerial: String?
    /// The line of the profile's `role_arn`.
    public var line: Int

    public init(
        profile: String, roleARN: String, sessionName: String?, externalID: String?, durationSeconds: Int?,
        mfaSerial: String?, line: Int
    ) {
        self.profile = profile
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.externalID = externalID
        self.durationSeconds = durationSeconds
        self.mfaSerial = mfaSerial
        self.line = line
    }
}

/// The STS endpoint of a chain, as botocore's endpoint resolution gives it.
public struct STSEndpoint: Sendable, Hashable {
    public var url: URL
    /// The SigV4 signing region.
    public var signingRegion: String

    public init(url: URL, signingRegion: String) {
        self.url = url
        self.signingRegion = signingRegion
    }
}

/// How a profile gets its credentials, in botocore's precedence.
public enum ProfileCredentials: Sendable, Hashable {
    case sso(SSOProfile)
    case chain(RoleChain)

    public var name: String {
        switch self {
        case .sso(let profile): profile.name
        case .chain(let chain): chain.profile
        }
    }

    /// The profile's `region` (the selected profile's own, for a chain).
    public var region: String? {
        switch self {
        case .sso(let profile): profile.region
        case .chain(let chain): chain.region
        }
    }
}
