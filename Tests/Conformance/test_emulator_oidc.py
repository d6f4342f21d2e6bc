"""botocore's `sso-oidc` client against the real sso-emulator: registration, both login grants
(device code and authorization code with PKCE), refresh, and every OIDC error as its modelled class."""

import json
import time

import pytest

from emulator_support import (
    NO_RETRIES, authorize, authorize_url, clients, device_login, pkce_pair, register_device_client,
    register_pkce_client,
)

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


def test_register_client_returns_epoch_seconds(emulator):
    oidc, _ = clients(emulator)
    before = int(time.time())
    registration = register_device_client(oidc)
    assert registration["clientId"] and registration["clientSecret"]
    assert before - 1 <= registration["clientIdIssuedAt"] <= int(time.time()) + 1
    assert registration["clientSecretExpiresAt"] - registration["clientIdIssuedAt"] == 90 * 24 * 3600


def test_device_code_login_end_to_end(emulator):
    oidc, sso = clients(emulator)
    before = emulator.stats()
    _, token = device_login(emulator, oidc)
    assert token["tokenType"] == "Bearer"
    assert token["expiresIn"] == 8 * 3600
    assert token["accessToken"] and token["refreshToken"]
    accounts = sso.list_accounts(accessToken=token["accessToken"])["accountList"]
    assert accounts[0]["accountId"] == emulator.directory()["portals"][0]["accounts"][0]["accountId"]
    after = emulator.stats()
    assert after["grants"]["device_code"] == before["grants"].get("device_code", 0) + 1
    assert after["tokensIssued"]["portal-1"] == before["tokensIssued"].get("portal-1", 0) + 1


def test_legacy_registration_without_scopes_gets_no_refresh_token(emulator):
    oidc, _ = clients(emulator)
    _, token = device_login(emulator, oidc, scopes=None)
    assert "refreshToken" not in token


def test_device_code_pending_slow_down_page_approval_and_reuse(start_emulator):
    emulator = start_emulator("--poll-interval", "1")
    oidc, _ = clients(emulator)
    registration = register_device_client(oidc)
    creds = dict(clientId=registration["clientId"], clientSecret=registration["clientSecret"])
    authorization = oidc.start_device_authorization(startUrl=emulator.start_url, **creds)
    assert authorization["verificationUri"] == emulator.base_url + "/device"
    assert authorization["verificationUriComplete"].endswith("?user_code=" + authorization["userCode"])
    assert authorization["expiresIn"] == 600 and authorization["interval"] == 1
    poll = dict(grantType=DEVICE_GRANT, deviceCode=authorization["deviceCode"], **creds)
    # The CLI polls twice back to back (pre-check, then the loop): both are pending, not slow-down.
    for _ in range(2):
        with pytest.raises(oidc.exceptions.AuthorizationPendingException) as pending:
            oidc.create_token(**poll)
    assert pending.value.response["Error"]["Message"] == "Authorization is still pending"
    with pytest.raises(oidc.exceptions.SlowDownException):
        oidc.create_token(**poll)
    # A person approves on the verification page.
    status, _, page = emulator.request("GET", "/device?user_code=" + authorization["userCode"])
    assert status == 200 and authorization["userCode"].encode() in page
    form = f"user_code={authorization['userCode']}&decision=allow".encode()
    status, _, _ = emulator.request(
        "POST", "/device", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 200
    time.sleep(6.1)  # interval 1 + 5 after one SlowDown
    token = oidc.create_token(**poll)
    assert token["accessToken"]
    with pytest.raises(oidc.exceptions.InvalidGrantException):
        oidc.create_token(**poll)


def test_device_code_denied_and_expired(start_emulator):
    emulator = start_emulator("--device-code-ttl", "1", "--poll-interval", "0")
    oidc, _ = clients(emulator)
    registration = register_device_client(oidc)
    creds = dict(clientId=registration["clientId"], clientSecret=registration["clientSecret"])
    denied = oidc.start_device_authorization(startUrl=emulator.start_url, **creds)
    status, body = emulator.admin_post("/_admin/deny", {"userCode": denied["userCode"]})
    assert status == 200 and body == {"denied": True}
    with pytest.raises(oidc.exceptions.AccessDeniedException):
        oidc.create_token(grantType=DEVICE_GRANT, deviceCode=denied["deviceCode"], **creds)
    expiring = oidc.start_device_authorization(startUrl=emulator.start_url, **creds)
    time.sleep(1.2)
    with pytest.raises(oidc.exceptions.ExpiredTokenException):
        oidc.create_token(grantType=DEVICE_GRANT, deviceCode=expiring["deviceCode"], **creds)
    assert emulator.admin_post("/_admin/approve", {"userCode": expiring["userCode"]}) == (404, {"approved": False})


def test_authorization_code_with_pkce_end_to_end(emulator):
    oidc, sso = clients(emulator)
    registration = register_pkce_client(oidc, emulator.portals[1]["start_url"])
    status, query, redirect_uri, verifier = authorize(emulator, registration)
    assert status == 302 and query["code"]
    creds = dict(clientId=registration["clientId"], clientSecret=registration["clientSecret"])
    exchange = dict(grantType="authorization_code", code=query["code"], redirectUri=redirect_uri, **creds)
    token = oidc.create_token(codeVerifier=verifier, **exchange)
    assert token["refreshToken"]
    # Bound to the second portal, named by issuerUrl.
    second = emulator.directory()["portals"][1]["accounts"][0]["accountId"]
    assert sso.list_accounts(accessToken=token["accessToken"])["accountList"][0]["accountId"] == second
    with pytest.raises(oidc.exceptions.InvalidGrantException):  # the code is single use
        oidc.create_token(codeVerifier=verifier, **exchange)


def test_pkce_refuses_wrong_verifier_and_redirect(emulator):
    oidc, _ = clients(emulator)
    registration = register_pkce_client(oidc, emulator.start_url)
    creds = dict(clientId=registration["clientId"], clientSecret=registration["clientSecret"])
    _, query, redirect_uri, verifier = authorize(emulator, registration)
    with pytest.raises(oidc.exceptions.InvalidGrantException):
        oidc.create_token(grantType="authorization_code", code=query["code"], redirectUri=redirect_uri,
                          codeVerifier=verifier[:-1] + ("A" if verifier[-1] != "A" else "B"), **creds)
    _, query, redirect_uri, verifier = authorize(emulator, registration)
    with pytest.raises(oidc.exceptions.InvalidGrantException):
        oidc.create_token(grantType="authorization_code", code=query["code"],
                          redirectUri=redirect_uri.replace("54321", "54322"), codeVerifier=verifier, **creds)


def test_authorize_checks_client_redirect_and_method(emulator):
    oidc, _ = clients(emulator)
    registration = register_pkce_client(oidc, emulator.start_url)
    status, query, _, _ = authorize(emulator, registration, method="plain")
    assert status == 302 and query["error"] == "invalid_request"
    device_client = register_device_client(oidc)
    status, _, _, _ = authorize(emulator, {**device_client})
    assert status == 400  # no registered redirect URI: never redirected
    status, _, _ = emulator.request("GET", "/authorize?response_type=code&client_id=nope")
    assert status == 400


def test_authorize_manual_consent_allow_and_deny(start_emulator):
    emulator = start_emulator()  # manual approval is the command line's default
    oidc, _ = clients(emulator)
    registration = register_pkce_client(oidc, emulator.start_url)
    redirect_uri = "http://127.0.0.1:54321/oauth/callback"
    for decision, expected in (("allow", "code"), ("deny", "error")):
        _, challenge = pkce_pair()
        path = authorize_url(emulator, registration["clientId"], redirect_uri, "st", challenge)
        status, _, page = emulator.request("GET", path)
        assert status == 200
        request_id = page.decode().split('name="request" value="')[1].split('"')[0]
        status, headers, _ = emulator.request(
            "POST", "/authorize/consent", f"request={request_id}&decision={decision}".encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 302 and headers["Location"].startswith(f"{redirect_uri}?{expected}=")
        assert headers["Location"].endswith("&state=st")
    assert "error=access_denied" in headers["Location"]


def test_auto_approve_deny_redirects_access_denied(start_emulator):
    emulator = start_emulator("--auto-approve", "--deny")
    oidc, _ = clients(emulator)
    registration = register_pkce_client(oidc, emulator.start_url)
    status, query, _, _ = authorize(emulator, registration)
    assert status == 302 and query["error"] == "access_denied"


def test_refresh_rotates_the_refresh_token(emulator):
    oidc, sso = clients(emulator)
    registration, token = device_login(emulator, oidc)
    creds = dict(clientId=registration["clientId"], clientSecret=registration["clientSecret"])
    refreshed = oidc.create_token(grantType="refresh_token", refreshToken=token["refreshToken"], **creds)
    assert refreshed["accessToken"] != token["accessToken"]
    assert refreshed["refreshToken"] != token["refreshToken"]
    assert sso.list_accounts(accessToken=refreshed["accessToken"])["accountList"]
    with pytest.raises(oidc.exceptions.InvalidGrantException):
        oidc.create_token(grantType="refresh_token", refreshToken=token["refreshToken"], **creds)


def test_client_errors_are_modelled_exceptions(emulator):
    oidc, _ = clients(emulator, config=NO_RETRIES)
    registration = register_device_client(oidc)
    creds = dict(clientId=registration["clientId"], clientSecret=registration["clientSecret"])
    with pytest.raises(oidc.exceptions.InvalidClientException) as invalid_client:
        oidc.start_device_authorization(clientId=creds["clientId"], clientSecret="wrong", startUrl=emulator.start_url)
    assert invalid_client.value.response["ResponseMetadata"]["HTTPStatusCode"] == 401
    with pytest.raises(oidc.exceptions.UnsupportedGrantTypeException):
        oidc.create_token(grantType="password", **creds)
    with pytest.raises(oidc.exceptions.UnauthorizedClientException):
        oidc.create_token(grantType="authorization_code", code="x", redirectUri="http://127.0.0.1:1/oauth/callback",
                          codeVerifier="v" * 43, **creds)
    with pytest.raises(oidc.exceptions.InvalidGrantException):
        oidc.create_token(grantType=DEVICE_GRANT, deviceCode="not-a-device-code", **creds)
    with pytest.raises(oidc.exceptions.InvalidRequestException):
        oidc.create_token(grantType=DEVICE_GRANT, **creds)  # no deviceCode
    with pytest.raises(oidc.exceptions.InvalidRequestException):
        oidc.start_device_authorization(startUrl="https://d-0000000000.awsapps.com/start", **creds)
    with pytest.raises(oidc.exceptions.InvalidScopeException):
        oidc.register_client(clientName="c", clientType="public", scopes=["not a scope"])
    with pytest.raises(oidc.exceptions.InvalidClientMetadataException):
        oidc.register_client(clientName="c", clientType="confidential")
    with pytest.raises(oidc.exceptions.InvalidRedirectUriException):
        oidc.register_client(clientName="c", clientType="public", grantTypes=["authorization_code"],
                             redirectUris=["ftp://example.com/cb"])
    with pytest.raises(oidc.exceptions.UnsupportedGrantTypeException):
        oidc.register_client(clientName="c", clientType="public", grantTypes=["password"])


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[1, 2]", b'"text"', json.dumps({"clientName": 7, "clientType": "public"}).encode(),
     json.dumps({"clientName": "c", "clientType": "public", "scopes": "sso:account:access"}).encode(),
     json.dumps({"clientName": "c"}).encode()],
)
def test_malformed_requests_get_invalid_request(emulator, body):
    status, headers, payload = emulator.request("POST", "/client/register", body, {"Content-Type": "application/json"})
    assert status == 400
    assert headers["x-amzn-ErrorType"].split(":")[0] == "InvalidRequestException"
    decoded = json.loads(payload)
    assert decoded["__type"].endswith("#InvalidRequestException") and decoded["error"] == "invalid_request"


def test_internal_server_exception_and_throttling(start_emulator):
    failing = start_emulator("--fail-rate", "1")
    oidc, _ = clients(failing, config=NO_RETRIES)
    with pytest.raises(oidc.exceptions.InternalServerException):
        register_device_client(oidc)
    throttled = start_emulator("--rate-limit", "0.001", "--burst", "1")
    oidc, _ = clients(throttled, config=NO_RETRIES)
    register_device_client(oidc)
    with pytest.raises(oidc.exceptions.ClientError) as error:
        register_device_client(oidc)
    assert error.value.response["Error"]["Code"] == "TooManyRequestsException"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    stats = throttled.stats()
    assert stats["throttled"] == 1 and stats["calls"]["RegisterClient"] == 2
