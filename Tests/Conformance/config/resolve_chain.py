"""Prints how botocore resolves role-chain profiles, as JSON, for multisso's differential tests.

    resolve_chain.py FILE NAME...

For each profile a fresh botocore session (profile = NAME) loads its credentials. Nothing leaves the
process: SSO and credential_process roots are answered with a marker naming what botocore would have
fetched, and every AssumeRole request is answered in place after its URL, parameters and signing
credential scope are recorded. The output per profile is either the root and the hops (root first), or
the error botocore raised.
"""
import json
import re
import sys
import urllib.parse

import botocore.credentials
import botocore.session
from botocore.awsrequest import AWSResponse

RESPONSE = """<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<AssumeRoleResult><Credentials><AccessKeyId>{key}</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>
<SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
<AssumedRoleUser><AssumedRoleId>AROA:x</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/x</Arn></AssumedRoleUser>
</AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>"""
SCOPE = re.compile(r"Credential=([^/]+)/\d{8}/([^/]+)/sts/aws4_request")


def sso_root(self):
    config = self._load_sso_config()
    if not config:
        return None
    where = (config.get("sso_session") or config["sso_start_url"]).replace("/", "_")
    return botocore.credentials.Credentials(
        f"SSO|{where}|{config['sso_account_id']}|{config['sso_role_name']}", "secret")


def process_root(self):
    command = self.profile_config.get("credential_process")
    if command is None:
        return None
    return botocore.credentials.Credentials(f"PROCESS|{self._profile_name}", "secret")


botocore.credentials.SSOProvider.load = sso_root
botocore.credentials.ProcessProvider.load = process_root


def resolve(path, name):
    hops = []

    def answer(request, **_):
        fields = dict(urllib.parse.parse_qsl(request.body.decode() if isinstance(request.body, bytes) else request.body))
        signer, region = SCOPE.search(request.headers["Authorization"].decode()).groups()
        session_name = fields.get("RoleSessionName", "")
        if re.fullmatch(r"botocore-session-\d+", session_name):
            fields["RoleSessionName"] = "botocore-session-*"
        hops.append({"url": request.url, "signer": signer, "region": region,
                     "params": {k: v for k, v in fields.items() if k not in ("Action", "Version")}})
        body = RESPONSE.format(key=f"HOP{len(hops)}").encode()
        return AWSResponse(request.url, 200, {}, type("Raw", (), {"stream": lambda *a, **k: [body]})())

    session = botocore.session.Session(profile=name)
    session.set_config_variable("config_file", path)
    session.register("before-send.sts.AssumeRole", answer)
    try:
        resolver = session.get_component("credential_provider")
        assume = resolver.get_provider("assume-role")
        assume._prompter = lambda prompt: "123456"
        credentials = session.get_credentials()
        if credentials is None:
            return {"error": "NoCredentials"}
        frozen = credentials.get_frozen_credentials()
        return {"method": credentials.method, "key": frozen.access_key, "hops": hops}
    except Exception as error:  # noqa: BLE001 - reported, compared by the Swift test
        return {"error": f"{type(error).__name__}: {error}", "hops": hops}


def main():
    path, *names = sys.argv[1:]
    json.dump({name: resolve(path, name) for name in names}, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
