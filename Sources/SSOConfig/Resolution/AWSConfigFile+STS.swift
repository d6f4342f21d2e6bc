import FileStore
import Foundation

/// The STS endpoint of a role chain as botocore gives it to the selected profile's STS client: an
/// endpoint override (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, `[services]` `sts`, `endpoint_url`),
/// else the regional endpoint, or the global one for no region, `aws-global`, or a legacy region with
/// `sts_regional_endpoints = legacy`.
extension AWSConfigFile {
    /// Regions botocore sends to `sts.amazonaws.com` when `sts_regional_endpoints` is `legacy`.
    static let legacyGlobalSTSRegions: Set<String> = [
        "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1",
        "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1",
        "us-east-2", "us-west-1", "us-west-2",
    ]

    /// The environment variable botocore reads `sts_regional_endpoints` from.
    static let stsRegionalEndpointsVariable = "AWS_STS_REGIONAL_ENDPOINTS"

    func stsEndpoint(forProfile profile: ConfigSection) throws(ConfigError) -> STSEndpoint {
        let region =
            environment.variables[AWSEnvironment.Variable.defaultRegion].map { $0.isEmpty ? nil : $0 }
            ?? profile.value("region").flatMap { $0.isEmpty ? nil : $0 }
        let mode: String
        let modeSource: String
        if let raw = environment.variables[Self.stsRegionalEndpointsVariable] {
            mode = raw
            modeSource = "environment variable \(Self.stsRegionalEndpointsVariable)"
        } else {
            mode = profile.value("sts_regional_endpoints") ?? ""
            modeSource = "\(file.path):\(profile.line(of: "sts_regional_endpoints") ?? profile.line) (\(profile.id))"
        }
        let useGlobal: Bool
        switch mode {
        case "", "regional": useGlobal = false
        case "legacy": useGlobal = region.map { Self.legacyGlobalSTSRegions.contains($0) } ?? true
        default: throw .invalidSTSRegionalEndpoints(value: mode, source: modeSource)
        }
        if !ignoresConfiguredEndpoints(profile), let override = try endpoint(service: "sts", profile: profile) {
            guard let region else { throw .noRegionForSTS(profile: profile.id.name, file: file, line: profile.line) }
            return STSEndpoint(url: override, signingRegion: region)
        }
        guard let region, region != "aws-global", !useGlobal else {
            return STSEndpoint(url: Self.stsURL(host: "sts.amazonaws.com"), signingRegion: "us-east-1")
        }
        let suffix =
            region.hasPrefix("cn-") ? "amazonaws.com.cn" : region.hasPrefix("eusc-") ? "amazonaws.eu" : "amazonaws.com"
        return STSEndpoint(url: Self.stsURL(host: "sts.\(region).\(suffix)"), signingRegion: region)
    }

    private static func stsURL(host: String) -> URL {
        var components = URLComponents()
        components.scheme = "https"
        components.percentEncodedHost = host.addingPercentEncoding(withAllowedCharacters: .urlHostAllowed) ?? host
        components.path = "/"
        return components.url ?? URL(fileURLWithPath: "/invalid-region")
    }
}
