import Foundation
import SSOConfig
import SessionActors

/// The IMDSv2 subset botocore's `InstanceMetadataFetcher` uses, for the one `--imds-profile`: a session
/// token from `PUT /latest/api/token`, then the role name and its credentials, each GET carrying the
/// token. Requests with `X-Forwarded-For` are refused, as EC2's IMDS refuses them.
extension CredentialRouter {
    static let credentialsPath = "/latest/meta-data/iam/security-credentials/"

    func imds(_ request: ServerRequest) async -> ServerResponse {
        guard let profile = configuration.imdsProfile else {
            return .error(
                404, code: "NotFound",
                message: "this server has no instance metadata endpoint (start it with --imds-profile)")
        }
        guard request.header("X-Forwarded-For") == nil else {
            return await refuse(403, code: "Forbidden", message: "requests with X-Forwarded-For are refused")
        }
        if request.path == "/latest/api/token" {
            guard request.method == "PUT" else {
                return .error(405, code: "MethodNotAllowed", message: "the token is issued by PUT")
            }
            guard let text = request.header("X-aws-ec2-metadata-token-ttl-seconds"), let ttl = Int(text),
                IMDSSessions.ttlRange.contains(ttl)
            else {
                return .error(
                    400, code: "BadRequest", message: "X-aws-ec2-metadata-token-ttl-seconds must be 1 to 21600")
            }
            let token = await imdsSessions.issue(ttl: ttl)
            return ServerResponse(
                status: 200, body: token, contentType: "text/plain",
                headers: [("X-aws-ec2-metadata-token-ttl-seconds", String(ttl))])
        }
        guard await imdsSessions.isValid(request.header("X-aws-ec2-metadata-token").map(String.init)) else {
            return await refuse(
                401, code: "Unauthorized", message: "IMDSv2 only: get a token with PUT /latest/api/token first")
        }
        guard request.method == "GET" else {
            return .error(405, code: "MethodNotAllowed", message: "only GET is served")
        }
        let role = Self.roleName(for: profile.name)
        switch request.path {
        case Self.credentialsPath, String(Self.credentialsPath.dropLast()):
            return ServerResponse(status: 200, body: role, contentType: "text/plain")
        case Self.credentialsPath + role:
            let now = directory.options.clock.now()
            return await credentials(for: .sso(profile)) { ContainerCredentials.instanceDocument($0, now: now) }
        default:
            return .error(404, code: "NotFound", message: "not served")
        }
    }

    /// The name shown as the instance's role: the profile name, limited to characters safe in a path.
    static func roleName(for profile: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+=,.@_-")
        let cleaned = String(profile.map { allowed.contains($0) ? $0 : "_" })
        return cleaned.isEmpty ? "multisso" : cleaned
    }
}
