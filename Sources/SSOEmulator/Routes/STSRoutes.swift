import Foundation
import HTTPTypes
import Hummingbird

/// STS at the root path (`POST /`, awsQuery): AssumeRole and GetCallerIdentity, each request
/// authenticated by a SigV4 signature made with credentials this emulator issued (SSO role
/// credentials or an earlier AssumeRole). Any role in the directory may be assumed from any issued
/// credential; `requiredExternalIDs` adds ExternalId conditions; role chaining is limited to one hour.
struct STSRoutes: Sendable {
    let core: EmulatorCore

    func add(to router: Router<EmulatorRequestContext>) {
        let gate = OperationGate(core: core)
        router.post("/") { request, context in
            let body = Array(buffer: try await request.body.collect(upTo: 1 << 20))
            let fields = STSReply.formFields(body)
            guard let operation = Operation(rawValue: fields["Action"] ?? ""), operation.api == .sts else {
                return STSReply.error(
                    ServiceFailure(.invalidAction, "Could not find operation \(fields["Action"] ?? "")"))
            }
            return try await gate.run(operation, context: context) {
                let caller = try await authenticate(request, body: body)
                switch operation {
                case .assumeRole: return try await assumeRole(fields, caller: caller)
                default: return callerIdentity(caller)
                }
            }
        }
    }

    /// The issued credentials that signed the request.
    private func authenticate(_ request: Request, body: [UInt8]) async throws -> IssuedCredentialStore.Record {
        func header(_ name: String) -> String? {
            // HTTPTypes moves Host to the request's authority.
            if name == "host" { return request.head.authority }
            return HTTPField.Name(name).flatMap { request.headers[$0] }
        }
        guard let raw = header("authorization"), let authorization = SigV4Verifier.parse(raw) else {
            throw ServiceFailure(.missingAuthentication, "Request is missing Authentication Token")
        }
        guard let record = await core.issued.record(accessKeyID: authorization.accessKeyID),
            Secrets.equal(header("x-amz-security-token") ?? "", record.sessionToken)
        else {
            throw ServiceFailure(.invalidClientTokenID, "The security token included in the request is invalid.")
        }
        let path = String(request.uri.path)
        guard
            SigV4Verifier.verify(
                authorization, secret: record.secretAccessKey, method: request.method.rawValue, path: path,
                query: request.uri.query ?? "", body: body, header: header)
        else {
            throw ServiceFailure(
                .signatureDoesNotMatch,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."
            )
        }
        if await core.knobs.configuration.disabledSTSRegions.contains(authorization.region) {
            throw ServiceFailure(
                .regionDisabled,
                "STS is not activated in this region for account:\(record.accountID). Your account administrator can activate STS in this region using the IAM Console."
            )
        }
        guard record.expiration > Date() else {
            throw ServiceFailure(.expiredSecurityToken, "The security token included in the request is expired")
        }
        return record
    }

    private func assumeRole(_ fields: [String: String], caller: IssuedCredentialStore.Record) async throws -> Response {
        guard let roleARN = fields["RoleArn"] else {
            throw ServiceFailure(
                .validationError,
                "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null"
            )
        }
        guard let sessionName = fields["RoleSessionName"], !sessionName.isEmpty else {
            throw ServiceFailure(
                .validationError,
                "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null"
            )
        }
        let duration = Int(fields["DurationSeconds"] ?? "3600") ?? -1
        guard (900...43_200).contains(duration) else {
            throw ServiceFailure(
                .validationError,
                "1 validation error detected: Value '\(fields["DurationSeconds"] ?? "")' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200"
            )
        }
        if caller.assumed, duration > 3600 {
            throw ServiceFailure(
                .validationError,
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
        }
        let parts = roleARN.split(separator: ":", omittingEmptySubsequences: false)
        let resource = parts.count == 6 ? parts[5].split(separator: "/", maxSplits: 1) : []
        let accountID = parts.count == 6 ? String(parts[4]) : ""
        guard resource.count == 2, resource[0] == "role",
            await core.directory.hasRole(accountID: accountID, roleName: String(resource[1]))
        else {
            throw ServiceFailure(
                .stsAccessDenied,
                "User: \(caller.arn) is not authorized to perform: sts:AssumeRole on resource: \(roleARN)")
        }
        if fields["SerialNumber"] != nil, !Self.isCode(fields["TokenCode"]) {
            throw ServiceFailure(
                .stsAccessDenied, "MultiFactorAuthentication failed with invalid MFA one time pass code.")
        }
        let knobs = await core.knobs.configuration
        if let required = knobs.requiredExternalIDs[roleARN], fields["ExternalId"] != required {
            throw ServiceFailure(
                .stsAccessDenied,
                "User: \(caller.arn) is not authorized to perform: sts:AssumeRole on resource: \(roleARN)")
        }
        let lifetime = min(TimeInterval(duration), knobs.credentialTTL.timeInterval)
        let record = IssuedCredentialStore.Record(
            accessKeyID: Secrets.accessKeyID(), secretAccessKey: Secrets.secretAccessKey(),
            sessionToken: Secrets.sessionToken(),
            expiration: Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + lifetime).rounded(.down)),
            accountID: accountID, roleName: String(resource[1]), sessionName: sessionName, assumed: true)
        await core.issued.register(record)
        await core.federation.record(
            IssuedCredential(
                accessKeyID: record.accessKeyID, secretAccessKey: record.secretAccessKey,
                sessionToken: record.sessionToken,
                portalName: "sts", accountID: accountID, roleName: record.roleName, expiresAt: record.expiration,
                origin: .roleChaining))
        await core.identity.noteSecret(record.secretAccessKey)
        await core.identity.noteSecret(record.sessionToken)
        await core.counters.recordAssumeRole(roleARN: roleARN)
        let expiration = record.expiration.formatted(Date.ISO8601FormatStyle())
        return STSReply.success(
            "AssumeRole",
            result: """
                <AssumedRoleUser><AssumedRoleId>\(record.userID)</AssumedRoleId><Arn>\(STSReply.escape(record.arn))</Arn></AssumedRoleUser>\
                <Credentials><AccessKeyId>\(record.accessKeyID)</AccessKeyId><SecretAccessKey>\(record.secretAccessKey)</SecretAccessKey>\
                <SessionToken>\(record.sessionToken)</SessionToken><Expiration>\(expiration)</Expiration></Credentials>
                """)
    }

    private func callerIdentity(_ caller: IssuedCredentialStore.Record) -> Response {
        STSReply.success(
            "GetCallerIdentity",
            result: """
                <Arn>\(STSReply.escape(caller.arn))</Arn><UserId>\(STSReply.escape(caller.userID))</UserId><Account>\(caller.accountID)</Account>
                """)
    }

    /// A six-digit MFA code.
    static func isCode(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.count == 6 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
