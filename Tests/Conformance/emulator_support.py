"""Helpers shared by the emulator conformance tests: botocore clients and the two login flows."""

import base64
import hashlib
import secrets
import string
import urllib.parse
import uuid

import botocore.session
from botocore.config import Config

NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})
PKCE_ALPHABET = string.ascii_letters + string.digits + "-._~"


def clients(emulator, config=None, region=None):
    """botocore's own `sso-oidc` and `sso` clients pointed at the emulator with endpoint_url."""
    session = botocore.session.get_session()
    kwargs = dict(
        region_name=region or emulator.region,
        endpoint_url=emulator.base_url,
        aws_access_key_id="unused",
        aws_secret_access_key="unused",
    )
    if config:
        kwargs["config"] = config
    return session.create_client("sso-oidc", **kwargs), session.create_client("sso", **kwargs)


def register_device_client(oidc, scopes=("sso:account:access",)):
    kwargs = {"clientName": "botocore-client-conformance", "clientType": "public"}
    if scopes:
        kwargs["scopes"] = list(scopes)
    return oidc.register_client(**kwargs)


def device_login(emulator, oidc, start_url=None, scopes=("sso:account:access",)):
    """Device code login against an auto-approving emulator; returns (registration, token)."""
    registration = register_device_client(oidc, scopes)
    authorization = oidc.start_device_authorization(
        clientId=registration["clientId"],
        clientSecret=registration["clientSecret"],
        startUrl=start_url or emulator.start_url,
    )
    token = oidc.create_token(
        clientId=registration["clientId"],
        clientSecret=registration["clientSecret"],
        grantType="urn:ietf:params:oauth:grant-type:device_code",
        deviceCode=authorization["deviceCode"],
    )
    return registration, token


def pkce_pair():
    """A verifier and challenge made exactly as the AWS CLI v2 makes them."""
    verifier = "".join(secrets.choice(PKCE_ALPHABET) for _ in range(64))
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    challenge = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return verifier, challenge


def register_pkce_client(oidc, start_url, scopes=("sso:account:access",)):
    return oidc.register_client(
        clientName="botocore-client-conformance",
        clientType="public",
        scopes=list(scopes),
        grantTypes=["authorization_code", "refresh_token"],
        redirectUris=["http://127.0.0.1/oauth/callback"],
        issuerUrl=start_url,
    )


def authorize_url(emulator, client_id, redirect_uri, state, challenge, scopes="sso:account:access",
                  method="S256"):
    """The /authorize URL with the CLI's parameters in the CLI's order (the challenge appended last)."""
    quote = lambda value: urllib.parse.quote(value, safe="-._~")  # noqa: E731
    query = "&".join(
        f"{key}={quote(value)}"
        for key, value in [
            ("response_type", "code"),
            ("client_id", client_id),
            ("redirect_uri", redirect_uri),
            ("state", state),
            ("code_challenge_method", method),
            ("scopes", scopes),
        ]
    )
    return f"/authorize?{query}&code_challenge={challenge}"


def authorize(emulator, registration, redirect_port=54321, **overrides):
    """Runs /authorize without a browser; returns (status, parsed callback query, redirect_uri, verifier)."""
    verifier, challenge = pkce_pair()
    state = str(uuid.uuid4())
    redirect_uri = f"http://127.0.0.1:{redirect_port}/oauth/callback"
    path = authorize_url(emulator, registration["clientId"], redirect_uri, state,
                         overrides.pop("challenge", challenge), **overrides)
    status, headers, _ = emulator.request("GET", path)
    location = headers.get("Location") or ""
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
    if query.get("state") is not None:
        assert query["state"] == state
    if location:
        assert location.startswith(redirect_uri + "?")
    return status, query, redirect_uri, verifier
