/// The long part of `sso-emulator --help`: output contract, routes and the directory format.
enum HelpText {
    static let discussion = """
        OUTPUT (stable, for scripts)
          The first line on stdout is `listening on http://127.0.0.1:PORT`, then one line per instance:
          `instance NAME start_url=URL region=REGION`. Point clients at the base URL for both services
          (AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL_SSO_OIDC, or endpoint_url). Start URLs look like
          https://d-XXXXXXXXXX.awsapps.com/start and are never contacted. SIGINT or SIGTERM stops it.

        API ROUTES (both services at the root path, rest-json as the AWS SDKs send it)
          POST /client/register            SSO OIDC RegisterClient
          POST /device_authorization       SSO OIDC StartDeviceAuthorization
          POST /token                      SSO OIDC CreateToken (device code, authorization_code + PKCE S256, refresh_token)
          GET  /authorize                  authorization code request (redirect_uri http://127.0.0.1:PORT/oauth/callback)
          POST /authorize/consent          the consent page's Allow/Deny answer (manual approval)
          GET  /device[?user_code=CODE]    device verification page (verificationUri[Complete])
          POST /device                     its Allow/Deny answer (form: user_code, decision=allow|deny)
          GET  /federation/credentials     SSO GetRoleCredentials (header x-amz-sso_bearer_token)
          GET  /assignment/accounts        SSO ListAccounts (next_token, max_result)
          GET  /assignment/roles           SSO ListAccountRoles (account_id, next_token, max_result)
          POST /logout                     SSO Logout (revokes the access and refresh tokens of the login)

        ADMIN ROUTES (no latency, rate limit or faults)
          GET  /_admin/stats                    counters: calls, grants, tokensIssued, roleCredentialRequests,
                                                throttled, failed, maxInFlight, errors, faults
          POST /_admin/reset                    zero the counters
          GET  /_admin/directory                the instances with their accounts and roles (format below)
          POST /_admin/approve {"userCode"}     approve a device code (404 if unknown)
          POST /_admin/deny {"userCode"}        deny a device code
          POST /_admin/revoke {"instance"?}     revoke every login (of one instance)
          POST /_admin/expire-access-tokens {"instance"?}   access tokens expire now; refresh tokens stay valid
          GET  /_admin/config                   the knobs in force
          POST /_admin/config {...}             change knobs: pageSize, latencyMs, jitterMs, rateLimit (0: off),
                                                burst, rateLimitedOperations, retryAfterSeconds (0: off), failRate,
                                                dropRate, stallRate, stallMs, autoApprove, approveAfterMs,
                                                autoDecision (allow|deny), tokenTtlSeconds, refreshTokenTtlSeconds,
                                                credentialTtlSeconds, registrationTtlSeconds, deviceCodeTtlSeconds,
                                                authorizationCodeTtlSeconds, pollInterval, rotateRefreshTokens,
                                                forbiddenForUnassigned

        DIRECTORY FILE (--directory; the same shape GET /_admin/directory returns)
          {"instances": [
            {"name": "corp", "startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1",
             "accounts": [
               {"accountId": "111122223333", "accountName": "prod", "emailAddress": "aws+prod@example.com",
                "roles": ["AdministratorAccess", "ReadOnlyAccess"]}]}]}
          Names and start URLs are unique; start URLs are https; account IDs are 12 digits.

        BEHAVIOUR
          Tokens are bound to the instance whose start URL began the login (startUrl of
          StartDeviceAuthorization, issuerUrl of RegisterClient for /authorize; the first instance when
          a client registered without one). Refresh tokens are issued only to clients registered with
          scopes. Errors carry x-amzn-ErrorType, __type and error/error_description (OIDC) or message
          (portal) with the service's status codes.
        """
}
