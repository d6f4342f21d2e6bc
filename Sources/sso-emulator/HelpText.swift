/// The long part of `sso-emulator --help`: output contract, routes and the directory format.
/// Lines stay under 78 columns so that the help is not re-wrapped.
enum HelpText {
    static let discussion = """
        OUTPUT (stable, for scripts)
          First line on stdout: `listening on http://127.0.0.1:PORT`; then one line
          per portal: `portal NAME start_url=URL region=REGION`. Point clients
          at the base URL for both services (AWS_ENDPOINT_URL_SSO and
          AWS_ENDPOINT_URL_SSO_OIDC, or endpoint_url). Start URLs look like
          https://d-XXXXXXXXXX.awsapps.com/start and are never contacted.
          SIGINT or SIGTERM stops the emulator. With --tls-certificate and
          --tls-key it serves HTTPS instead, and the URL says https://.

        API ROUTES (both services at the root path, rest-json)
          POST /client/register         OIDC RegisterClient
          POST /device_authorization    OIDC StartDeviceAuthorization
          POST /token                   OIDC CreateToken: device code,
                                        authorization_code (PKCE S256), refresh
          GET  /authorize               authorization request; redirect_uri
                                        http://127.0.0.1:PORT/oauth/callback
          POST /authorize/consent       consent page answer (manual approval)
          GET  /device[?user_code=C]    device verification page
          POST /device                  its answer (user_code, decision)
          GET  /federation/credentials  portal GetRoleCredentials
          GET  /assignment/accounts     portal ListAccounts
          GET  /assignment/roles        portal ListAccountRoles
          POST /logout                  portal Logout (revokes the login)
          GET  /                        404, counted as "Root" (reachability
                                        probes such as `multisso doctor`)
          Portal calls carry the token in the x-amz-sso_bearer_token header.
          POST /                        STS AssumeRole, GetCallerIdentity
                                        (awsQuery form, XML; for
                                        AWS_ENDPOINT_URL_STS): SigV4-signed with
                                        credentials the emulator issued; any
                                        directory role may be assumed; at most
                                        3600 s when chained; expired sources get
                                        ExpiredToken, throttling Throttling

        CONSOLE SIGN-IN (the federation endpoint, signin.aws.amazon.com)
          GET|POST /federation?Action=getSigninToken
                                        Session = JSON {"sessionId": KEY_ID,
                                        "sessionKey": SECRET, "sessionToken":
                                        TOKEN} of credentials this emulator
                                        issued and still valid; optional
                                        SessionDuration 900-43200 seconds
                                        (refused for role-chaining
                                        credentials). Query or form body.
                                        200 {"SigninToken": T}; 400 otherwise
          GET  /federation?Action=login&SigninToken=T&Destination=URL
                                        [&Issuer=I]: 302 to Destination; a
                                        token works once, for
                                        signinTokenTtlSeconds (900)
          GET  /start/                  portal page: its script follows a
                                        shortcut link #/console?account_id=A
                                        &role_name=R&destination=URL
          GET  /start/console?account_id=A&role_name=R&destination=URL
                                        302 to destination when the role is
                                        assigned (403 otherwise)
          GET  /SERVICE/home            a console stand-in page naming the
                                        service and ?region= (counted as
                                        ConsolePage), for a browser whose
                                        console host is mapped here
          Point multisso at it with AWS_ENDPOINT_URL_SIGNIN or a [services]
          `signin` sub-section.
          Every answer's Date header is --date-skew-seconds off the real time.

        ADMIN ROUTES (no latency, rate limit or faults)
          GET  /_admin/stats            counters (JSON): calls, grants,
                                        tokensIssued, roleCredentialRequests,
                                        assumeRoleRequests (per role ARN),
                                        throttled, failed, maxInFlight, errors,
                                        faults
          POST /_admin/reset            zero the counters
          GET  /_admin/directory        portals, accounts, roles (see below)
          POST /_admin/directory        replace them (same shape): assignments
                                        change at run time
          POST /_admin/approve          {"userCode": C}: approve (404: unknown)
          POST /_admin/deny             {"userCode": C}: deny
          POST /_admin/revoke           {"portal": N} or {}: revoke logins
          POST /_admin/forget-clients   every client registration is forgotten:
                                        InvalidClientException from then on
          POST /_admin/expire-access-tokens
                                        {"portal": N} or {}: access tokens
                                        expire now, refresh tokens stay valid
          GET  /_admin/console-logins   console sessions opened: identity
                                        (PORTAL/ACCOUNT/ROLE), via
                                        (federation|portal), origin,
                                        destination, issuer, sessionDuration
          GET  /_admin/config           the knobs in force
          POST /_admin/config           change knobs; members: pageSize,
                                        latencyMs, jitterMs, rateLimit (0: off),
                                        burst, rateLimitedOperations,
                                        retryAfterSeconds (0: off), failRate,
                                        dropRate, stallRate, stallMs,
                                        autoApprove, approveAfterMs,
                                        autoDecision (allow|deny),
                                        tokenTtlSeconds, refreshTokenTtlSeconds,
                                        credentialTtlSeconds,
                                        registrationTtlSeconds,
                                        deviceCodeTtlSeconds,
                                        authorizationCodeTtlSeconds,
                                        signinTokenTtlSeconds,
                                        pollInterval, rotateRefreshTokens,
                                        forbiddenForUnassigned

        DIRECTORY FILE (--directory; the shape GET /_admin/directory returns)
          {"portals": [
            {"name": "corp",
             "startUrl": "https://d-1234567890.awsapps.com/start",
             "region": "us-east-1",
             "accounts": [
               {"accountId": "111122223333", "accountName": "prod",
                "emailAddress": "aws+prod@example.com",
                "roles": ["AdministratorAccess", "ReadOnlyAccess"]}]}]}
          Names and start URLs are unique, start URLs are https, account IDs
          are 12 digits. Without --directory, --portals, --accounts,
          --roles-per-account and --seed generate one.

        BEHAVIOUR
          A token belongs to the portal whose start URL began the login
          (startUrl of StartDeviceAuthorization; for /authorize the issuerUrl of
          RegisterClient, or the first portal without one) and sees only its
          accounts. Refresh tokens go only to clients registered with scopes.
          Errors carry x-amzn-ErrorType, __type, and error/error_description
          (OIDC) or message (portal), with the service's status codes.
          Approval is manual unless --auto-approve (or --approve-after) is set.
        """
}
