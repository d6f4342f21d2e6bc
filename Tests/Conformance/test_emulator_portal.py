"""botocore's `sso` client against the real sso-emulator: paginators over hundreds of accounts, role
credentials, logout, portal binding, and every portal error as its modelled class."""

import time

import pytest

from emulator_support import NO_RETRIES, clients, device_login


@pytest.fixture(scope="module")
def session(emulator):
    oidc, sso = clients(emulator)
    _, token = device_login(emulator, oidc)
    return sso, token["accessToken"]


def test_list_accounts_paginator_walks_every_page(emulator, session):
    sso, access_token = session
    expected = [account["accountId"] for account in emulator.directory()["portals"][0]["accounts"]]
    assert len(expected) == 250
    before = emulator.stats()["calls"].get("ListAccounts", 0)
    pages = list(sso.get_paginator("list_accounts").paginate(accessToken=access_token))
    assert len(pages) == 13  # 250 accounts, 20 a page
    assert [a["accountId"] for page in pages for a in page["accountList"]] == expected
    assert "nextToken" not in pages[-1]
    assert emulator.stats()["calls"]["ListAccounts"] == before + 13
    big_pages = list(
        sso.get_paginator("list_accounts").paginate(accessToken=access_token, PaginationConfig={"PageSize": 100})
    )
    assert [len(page["accountList"]) for page in big_pages] == [100, 100, 50]


def test_list_account_roles_paginator(emulator, session):
    sso, access_token = session
    account = emulator.directory()["portals"][0]["accounts"][7]
    pages = list(
        sso.get_paginator("list_account_roles").paginate(
            accessToken=access_token, accountId=account["accountId"], PaginationConfig={"PageSize": 2}
        )
    )
    roles = [(r["roleName"], r["accountId"]) for page in pages for r in page["roleList"]]
    assert roles == [(name, account["accountId"]) for name in account["roles"]]
    assert len(pages) == 2


def test_get_role_credentials_are_fresh_and_expire_in_milliseconds(emulator, session):
    sso, access_token = session
    account = emulator.directory()["portals"][0]["accounts"][3]
    before = emulator.stats()["roleCredentialRequests"]
    key = f"portal-1/{account['accountId']}/{account['roles'][1]}"
    first = sso.get_role_credentials(accessToken=access_token, accountId=account["accountId"], roleName=account["roles"][1])
    second = sso.get_role_credentials(accessToken=access_token, accountId=account["accountId"], roleName=account["roles"][1])
    one, two = first["roleCredentials"], second["roleCredentials"]
    assert one["accessKeyId"].startswith("ASIA") and len(one["accessKeyId"]) == 20
    assert one["accessKeyId"] != two["accessKeyId"] and one["secretAccessKey"] != two["secretAccessKey"]
    assert one["sessionToken"] != two["sessionToken"]
    now_ms = time.time() * 1000
    assert now_ms + 3_590_000 < one["expiration"] < now_ms + 3_610_000
    assert emulator.stats()["roleCredentialRequests"][key] == before.get(key, 0) + 2


def test_portal_errors_are_modelled_exceptions(emulator, session):
    sso, access_token = session
    sso_no_retry = clients(emulator, config=NO_RETRIES)[1]
    with pytest.raises(sso.exceptions.UnauthorizedException) as unauthorized:
        sso.list_accounts(accessToken="not-a-token")
    assert unauthorized.value.response["Error"]["Message"] == "Session token not found or invalid"
    assert unauthorized.value.response["ResponseMetadata"]["HTTPStatusCode"] == 401
    with pytest.raises(sso.exceptions.ResourceNotFoundException):
        sso.get_role_credentials(accessToken=access_token, accountId="000000000000", roleName="AdministratorAccess")
    with pytest.raises(sso.exceptions.ResourceNotFoundException):
        sso.list_account_roles(accessToken=access_token, accountId="000000000000")
    with pytest.raises(sso_no_retry.exceptions.InvalidRequestException):
        sso_no_retry.list_accounts(accessToken=access_token, nextToken="forged")
    status, headers, _ = emulator.request(
        "GET", "/assignment/accounts?max_result=0", headers={"x-amz-sso_bearer_token": access_token}
    )
    assert status == 400 and headers["x-amzn-ErrorType"].startswith("InvalidRequestException:")


def test_tokens_of_one_portal_are_refused_by_another(emulator):
    oidc, sso = clients(emulator)
    _, token = device_login(emulator, oidc, start_url=emulator.portals[1]["start_url"])
    first_portal_account = emulator.directory()["portals"][0]["accounts"][0]
    with pytest.raises(sso.exceptions.ResourceNotFoundException):
        sso.get_role_credentials(accessToken=token["accessToken"], accountId=first_portal_account["accountId"],
                                 roleName=first_portal_account["roles"][0])
    listed = sso.list_accounts(accessToken=token["accessToken"], maxResults=100)["accountList"]
    assert first_portal_account["accountId"] not in {account["accountId"] for account in listed}


def test_logout_revokes_access_and_refresh_tokens(emulator):
    oidc, sso = clients(emulator)
    registration, token = device_login(emulator, oidc)
    sso.logout(accessToken=token["accessToken"])
    with pytest.raises(sso.exceptions.UnauthorizedException):
        sso.list_accounts(accessToken=token["accessToken"])
    with pytest.raises(sso.exceptions.UnauthorizedException):
        sso.logout(accessToken=token["accessToken"])
    with pytest.raises(oidc.exceptions.InvalidGrantException):
        oidc.create_token(grantType="refresh_token", refreshToken=token["refreshToken"],
                          clientId=registration["clientId"], clientSecret=registration["clientSecret"])


def test_throttling_and_forbidden(start_emulator):
    emulator = start_emulator("--auto-approve", "--rate-limit", "0.001", "--burst", "2",
                              "--rate-limited-operations", "ListAccounts", "--forbidden-for-unassigned",
                              "--retry-after", "3")
    oidc, sso = clients(emulator, config=NO_RETRIES)
    _, token = device_login(emulator, oidc)
    sso.list_accounts(accessToken=token["accessToken"])
    sso.list_accounts(accessToken=token["accessToken"])
    with pytest.raises(sso.exceptions.TooManyRequestsException) as throttled:
        sso.list_accounts(accessToken=token["accessToken"])
    assert throttled.value.response["ResponseMetadata"]["HTTPHeaders"]["retry-after"] == "3"
    with pytest.raises(sso.exceptions.ClientError) as forbidden:
        sso.get_role_credentials(accessToken=token["accessToken"], accountId="000000000000", roleName="X")
    assert forbidden.value.response["Error"]["Code"] == "ForbiddenException"
    assert forbidden.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert emulator.stats()["throttled"] == 1


def test_admin_revoke_and_expire(start_emulator):
    emulator = start_emulator("--auto-approve", "--portals", "2")
    oidc, sso = clients(emulator)
    registration, token = device_login(emulator, oidc)
    creds = dict(clientId=registration["clientId"], clientSecret=registration["clientSecret"])
    assert emulator.admin_post("/_admin/expire-access-tokens", {"portal": "portal-1"})[0] == 200
    with pytest.raises(sso.exceptions.UnauthorizedException):
        sso.list_accounts(accessToken=token["accessToken"])
    refreshed = oidc.create_token(grantType="refresh_token", refreshToken=token["refreshToken"], **creds)
    assert sso.list_accounts(accessToken=refreshed["accessToken"])["accountList"]
    assert emulator.admin_post("/_admin/revoke", {"portal": "portal-2"})[0] == 200
    assert sso.list_accounts(accessToken=refreshed["accessToken"])["accountList"]  # other portal: untouched
    assert emulator.admin_post("/_admin/revoke", {})[0] == 200
    with pytest.raises(sso.exceptions.UnauthorizedException):
        sso.list_accounts(accessToken=refreshed["accessToken"])
    with pytest.raises(oidc.exceptions.InvalidGrantException):
        oidc.create_token(grantType="refresh_token", refreshToken=refreshed["refreshToken"], **creds)


def test_dropped_connection_and_runtime_knobs(start_emulator):
    emulator = start_emulator("--auto-approve")
    status, knobs = emulator.admin_post("/_admin/config", {"dropRate": 1})
    assert status == 200 and knobs["dropRate"] == 1
    oidc, _ = clients(emulator, config=NO_RETRIES)
    from botocore.exceptions import ConnectionClosedError, EndpointConnectionError
    with pytest.raises((ConnectionClosedError, EndpointConnectionError)):
        oidc.register_client(clientName="c", clientType="public")
    emulator.admin_post("/_admin/config", {"dropRate": 0, "latencyMs": 200})
    started = time.monotonic()
    oidc.register_client(clientName="c", clientType="public")
    assert time.monotonic() - started >= 0.2
    stats = emulator.stats()
    assert stats["faults"] == {"drop": 1} and stats["failed"] == 1
    assert emulator.admin_post("/_admin/reset")[1]["calls"] == {}
