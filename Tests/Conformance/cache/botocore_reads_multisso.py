"""Proves botocore (as the AWS CLI v2 uses it) accepts the cache files multisso wrote.

usage: botocore_reads_multisso.py SPEC.json
SPEC names the temporary HOME and the values multisso wrote (a file, so no secret is on the command line).
Exits 0 and prints "ok <number of checks>" when every check passes; otherwise prints what failed.
"""
import hashlib
import json
import os
import sys

import dateutil.parser
from botocore.credentials import SSOCredentialFetcher
from botocore.utils import JSONFileCache, SSOTokenLoader

CHECKS = 0


def check(condition, message):
    global CHECKS
    CHECKS += 1
    if not condition:
        sys.exit(f"FAILED: {message}")


def raw(path):
    with open(path, "rb") as f:
        return f.read()


def first_difference(a, b):
    """Where two byte strings part (reported instead of their content, which holds test secrets)."""
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def check_bytes(path, expected_dict):
    """The file is exactly json.dumps of the dict in the CLI's key order, with no trailing newline."""
    data = raw(path)
    expected = json.dumps(expected_dict).encode("utf-8")
    check(data == expected, f"{path}: bytes differ from json.dumps (first difference at byte "
          f"{first_difference(data, expected)}; {len(data)} vs {len(expected)} bytes; key order "
          f"{list(json.loads(data))} vs {list(expected_dict)})")
    check(data == json.dumps(json.loads(data)).encode("utf-8"), f"{path}: not a json.dumps round trip")
    check(os.stat(path).st_mode & 0o777 == 0o600, f"{path}: mode is not 0600")


def cli_token(spec, start_url):
    # Key order of awscli/botocore/utils.py SSOTokenFetcherAuth._create_token_ and botocore/tokens.py refresh.
    return {
        "startUrl": start_url,
        "region": spec["region"],
        "accessToken": spec["access_token"],
        "expiresAt": spec["expires_at"],
        "clientId": spec["client_id"],
        "clientSecret": spec["client_secret"],
        "registrationExpiresAt": spec["registration_expires_at"],
        "refreshToken": spec["refresh_token"],
    }


def check_tokens(spec, sso_cache):
    loader = SSOTokenLoader(cache=JSONFileCache(sso_cache))
    by_session = loader(spec["start_url"], session_name=spec["session_name"])
    check(by_session == cli_token(spec, spec["start_url"]), f"token by session name: {sorted(by_session)}")
    by_url = loader(spec["legacy_start_url"])
    check(by_url == cli_token(spec, spec["legacy_start_url"]), "token by start URL")
    for key_input, start_url in ((spec["session_name"], spec["start_url"]),
                                 (spec["legacy_start_url"], spec["legacy_start_url"])):
        name = hashlib.sha1(key_input.encode("utf-8")).hexdigest() + ".json"
        check_bytes(os.path.join(sso_cache, name), cli_token(spec, start_url))
    expires = dateutil.parser.parse(by_session["expiresAt"])
    check(expires.tzinfo is not None, "expiresAt has a zone")
    check(int(expires.timestamp()) == spec["expires_epoch"], "expiresAt instant")
    check(os.stat(sso_cache).st_mode & 0o777 == 0o700, "sso cache folder mode is not 0700")


def check_registration(spec, sso_cache):
    # awscli/botocore/utils.py BaseSSOTokenFetcher._registration_cache_key
    args = {
        "tool": "botocore",
        "startUrl": spec["start_url"],
        "region": spec["region"],
        "scopes": spec["registration_key_scopes"],
        "session_name": spec["session_name"],
    }
    key = hashlib.sha1(json.dumps(args, sort_keys=True).encode("utf-8")).hexdigest()
    check(key == spec["registration_hash"], f"registration key {key} != multisso's {spec['registration_hash']}")
    registration = JSONFileCache(sso_cache)[key]
    expected = {
        "clientId": spec["client_id"],
        "clientSecret": spec["client_secret"],
        "expiresAt": spec["registration_expires_at"],
        "scopes": spec["scopes"],
        "grantTypes": ["authorization_code", "refresh_token"],
    }
    check(registration == expected, "registration fields")
    check_bytes(os.path.join(sso_cache, key + ".json"), expected)
    check(dateutil.parser.parse(registration["expiresAt"]).tzinfo is not None, "registration expiresAt zone")


class NoNetwork:
    """A client creator and token loader that fail if botocore ever needs them: the cache must suffice."""

    def __call__(self, *args, **kwargs):
        raise AssertionError("botocore tried to fetch credentials instead of using the cache")


def check_role_credentials(spec, cli_cache):
    cache = JSONFileCache(cli_cache)
    for session_name, start_url, file_hash in (
        (spec["session_name"], spec["start_url"], spec["role_hash_session"]),
        (None, spec["legacy_start_url"], spec["role_hash_legacy"]),
    ):
        fetcher = SSOCredentialFetcher(
            start_url, spec["region"], spec["role_name"], spec["account_id"], NoNetwork(),
            token_loader=NoNetwork(), cache=cache, sso_session_name=session_name,
        )
        check(fetcher._cache_key == file_hash, f"role key {fetcher._cache_key} != multisso's {file_hash}")
        credentials = fetcher.fetch_credentials()
        check(credentials["access_key"] == spec["access_key_id"], "access key")
        check(credentials["secret_key"] == spec["secret_access_key"], "secret key")
        check(credentials["token"] == spec["session_token"], "session token")
        check(credentials["account_id"] == spec["account_id"], "account id")
        check(int(dateutil.parser.parse(credentials["expiry_time"]).timestamp()) == spec["expiration_epoch"],
              "expiry time")
        check_bytes(os.path.join(cli_cache, file_hash + ".json"), {
            "ProviderType": "sso",
            "Credentials": {
                "AccessKeyId": spec["access_key_id"],
                "SecretAccessKey": spec["secret_access_key"],
                "SessionToken": spec["session_token"],
                "Expiration": spec["expiration"],
                "AccountId": spec["account_id"],
            },
        })


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    home = spec["home"]
    check_tokens(spec, os.path.join(home, ".aws", "sso", "cache"))
    check_registration(spec, os.path.join(home, ".aws", "sso", "cache"))
    check_role_credentials(spec, os.path.join(home, ".aws", "cli", "cache"))
    print(f"ok {CHECKS}")


if __name__ == "__main__":
    main()
