"""The AWS SDK's own configuration paths through the emulator: clients configured by
AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC, and boto3 resolving credentials for an SSO profile
from a token cache file (including botocore's own refresh of an expiring token)."""

import datetime
import hashlib
import json

import boto3
import botocore.credentials
import botocore.session
import botocore.tokens

from emulator_support import device_login, clients


def test_endpoint_environment_variables(emulator, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSO", emulator.base_url)
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSO_OIDC", emulator.base_url)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    session = botocore.session.get_session()
    oidc = session.create_client("sso-oidc", region_name=emulator.region)
    sso = session.create_client("sso", region_name=emulator.region)
    assert oidc.meta.endpoint_url == emulator.base_url and sso.meta.endpoint_url == emulator.base_url
    registration = oidc.register_client(clientName="env-client", clientType="public", scopes=["sso:account:access"])
    authorization = oidc.start_device_authorization(
        clientId=registration["clientId"], clientSecret=registration["clientSecret"], startUrl=emulator.start_url
    )
    token = oidc.create_token(
        clientId=registration["clientId"], clientSecret=registration["clientSecret"],
        grantType="urn:ietf:params:oauth:grant-type:device_code", deviceCode=authorization["deviceCode"],
    )
    assert sso.list_accounts(accessToken=token["accessToken"])["accountList"]


def write_profile(tmp_path, emulator, account, role, expires_at, token, registration):
    aws = tmp_path / ".aws"
    (aws / "sso" / "cache").mkdir(parents=True)
    (aws / "config").write_text(
        "[profile conformance]\n"
        "sso_session = emu\n"
        f"sso_account_id = {account}\n"
        f"sso_role_name = {role}\n"
        "region = us-west-2\n\n"
        "[sso-session emu]\n"
        f"sso_start_url = {emulator.start_url}\n"
        f"sso_region = {emulator.region}\n"
        "sso_registration_scopes = sso:account:access\n"
    )
    cache_file = aws / "sso" / "cache" / (hashlib.sha1(b"emu").hexdigest() + ".json")
    cache_file.write_text(json.dumps({
        "startUrl": emulator.start_url,
        "region": emulator.region,
        "accessToken": token["accessToken"],
        "expiresAt": expires_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "clientId": registration["clientId"],
        "clientSecret": registration["clientSecret"],
        "registrationExpiresAt": datetime.datetime.fromtimestamp(
            registration["clientSecretExpiresAt"], datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "refreshToken": token["refreshToken"],
    }))
    return aws, cache_file


def profile_environment(monkeypatch, tmp_path, aws, emulator):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(aws / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(aws / "credentials"))
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSO", emulator.base_url)
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSO_OIDC", emulator.base_url)
    # botocore computes ~/.aws/sso/cache once, at import time: point both readers at this HOME.
    cache_dir = str(aws / "sso" / "cache")
    monkeypatch.setattr(botocore.credentials.SSOProvider, "_SSO_TOKEN_CACHE_DIR", cache_dir)
    monkeypatch.setattr(botocore.tokens.SSOTokenProvider, "_SSO_TOKEN_CACHE_DIR", cache_dir)
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                 "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)


def test_boto3_resolves_sso_profile_credentials_from_token_cache(emulator, monkeypatch, tmp_path):
    oidc, _ = clients(emulator)
    registration, token = device_login(emulator, oidc)
    account = emulator.directory()["portals"][0]["accounts"][5]
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=4)
    aws, _ = write_profile(tmp_path, emulator, account["accountId"], account["roles"][0], expires, token, registration)
    profile_environment(monkeypatch, tmp_path, aws, emulator)
    key = f"portal-1/{account['accountId']}/{account['roles'][0]}"
    before = emulator.stats()["roleCredentialRequests"].get(key, 0)
    credentials = boto3.Session(profile_name="conformance").get_credentials().get_frozen_credentials()
    assert credentials.access_key.startswith("ASIA") and credentials.token
    assert emulator.stats()["roleCredentialRequests"][key] == before + 1


def test_botocore_refreshes_an_expiring_token_through_the_emulator(emulator, monkeypatch, tmp_path):
    oidc, _ = clients(emulator)
    registration, token = device_login(emulator, oidc)
    account = emulator.directory()["portals"][0]["accounts"][6]
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)
    aws, cache_file = write_profile(tmp_path, emulator, account["accountId"], account["roles"][1], expires, token,
                                    registration)
    profile_environment(monkeypatch, tmp_path, aws, emulator)
    refreshes = emulator.stats()["grants"].get("refresh_token", 0)
    credentials = boto3.Session(profile_name="conformance").get_credentials().get_frozen_credentials()
    assert credentials.access_key.startswith("ASIA")
    assert emulator.stats()["grants"]["refresh_token"] == refreshes + 1
    rewritten = json.loads(cache_file.read_text())
    assert rewritten["accessToken"] != token["accessToken"]
    assert rewritten["refreshToken"] != token["refreshToken"]
