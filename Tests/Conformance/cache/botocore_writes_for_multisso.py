"""Writes cache files with botocore's own writers, for multisso to read.

usage: botocore_writes_for_multisso.py SPEC.json
- tokens through SSOTokenLoader.save_token (JSONFileCache): one by session name with the CLI's
  "...Z" timestamps, one by start URL whose expiresAt is a datetime that botocore itself renders
  ("...UTC"), as JSONFileCache's default serializer does;
- the registration under the CLI's key, rendered with the CLI's _sso_json_dumps;
- role credentials through SSOCredentialFetcher with a stub SSO client (no network), so botocore
  derives the file name and layout itself.
Prints the names of the files written, as JSON.
"""
import datetime
import hashlib
import json
import os
import sys

from botocore.credentials import SSOCredentialFetcher
from botocore.utils import JSONFileCache, SSOTokenLoader
from dateutil.tz import tzutc


def utc(epoch):
    return datetime.datetime.fromtimestamp(epoch, tzutc())


def cli_json_dumps(obj):
    # awscli/customizations/sso/utils.py _sso_json_dumps
    return json.dumps(obj, default=lambda o: o.strftime("%Y-%m-%dT%H:%M:%SZ") if isinstance(o, datetime.datetime) else o)


class StubSSOClient:
    def __init__(self, spec):
        self._spec = spec

    def get_role_credentials(self, roleName, accountId, accessToken):
        assert accessToken == self._spec["access_token"]
        return {"roleCredentials": {
            "accessKeyId": self._spec["access_key_id"],
            "secretAccessKey": self._spec["secret_access_key"],
            "sessionToken": self._spec["session_token"],
            "expiration": self._spec["expiration_ms"],
        }}


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    sso_cache = os.path.join(spec["home"], ".aws", "sso", "cache")
    cli_cache = os.path.join(spec["home"], ".aws", "cli", "cache")

    token = {
        "startUrl": spec["start_url"],
        "region": spec["region"],
        "accessToken": spec["access_token"],
        "expiresAt": utc(spec["expires_epoch"]).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "clientId": spec["client_id"],
        "clientSecret": spec["client_secret"],
        "registrationExpiresAt": utc(spec["registration_expires_epoch"]).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "refreshToken": spec["refresh_token"],
    }
    loader = SSOTokenLoader(cache=JSONFileCache(sso_cache))
    loader.save_token(spec["start_url"], token, session_name=spec["session_name"])
    legacy = {
        "startUrl": spec["legacy_start_url"],
        "region": spec["region"],
        "accessToken": spec["access_token"],
        "expiresAt": utc(spec["expires_epoch"]),
    }
    loader.save_token(spec["legacy_start_url"], legacy)

    args = {"tool": "botocore", "startUrl": spec["start_url"], "region": spec["region"],
            "scopes": spec["scopes"], "session_name": spec["session_name"]}
    registration_key = hashlib.sha1(json.dumps(args, sort_keys=True).encode("utf-8")).hexdigest()
    JSONFileCache(sso_cache, dumps_func=cli_json_dumps)[registration_key] = {
        "clientId": spec["client_id"],
        "clientSecret": spec["client_secret"],
        "expiresAt": utc(spec["registration_expires_epoch"]),
        "scopes": spec["scopes"],
        "grantTypes": ["authorization_code", "refresh_token"],
    }

    written = {"registration": registration_key}
    for label, session_name, start_url in (("role_session", spec["session_name"], spec["start_url"]),
                                           ("role_legacy", None, spec["legacy_start_url"])):
        fetcher = SSOCredentialFetcher(
            start_url, spec["region"], spec["role_name"], spec["account_id"],
            lambda *a, **k: StubSSOClient(spec),
            token_loader=lambda url: {"accessToken": spec["access_token"], "expiresAt": legacy["expiresAt"].isoformat()},
            cache=JSONFileCache(cli_cache), sso_session_name=session_name,
        )
        fetcher.fetch_credentials()
        written[label] = fetcher._cache_key
    print(json.dumps(written))


if __name__ == "__main__":
    main()
