"""Runs the built `multisso` binary in a sandbox HOME against an emulator, for the interoperability tests.

The binary comes from $MULTISSO_BIN_DIR (set by scripts/test), else from `swift build --show-bin-path`,
like the emulator's in conftest.py. The sandbox config has one [sso-session] per emulator portal and one
profile per account and role, pointed at the emulator through a [services] section (as scripts/demo does).
"""

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import PACKAGE_ROOT, emulator_binary

BROWSER_SCRIPT = PACKAGE_ROOT / "scripts" / "demo-browser"


def multisso_binary() -> Path:
    binary = emulator_binary().parent / "multisso"
    if not binary.exists():
        pytest.fail(f"{binary} does not exist: run `swift build` (scripts/test does) before pytest")
    return binary


class Sandbox:
    """A sandbox HOME whose ~/.aws/config lists every account and role of `emulator`."""

    def __init__(self, root: Path, emulator):
        self.home = root / "home"
        self.aws = self.home / ".aws"
        self.aws.mkdir(parents=True)
        self.config_file = self.aws / "config"
        self.emulator = emulator
        self.profiles = []
        for portal in emulator.directory()["portals"]:
            for account in portal["accounts"]:
                for role in account["roles"]:
                    self.profiles.append({
                        "name": f"{portal['name']}-{account['accountName']}-{role}",
                        "session": portal["name"],
                        "account_id": account["accountId"],
                        "role_name": role,
                    })
        self.write_config()

    def write_config(self, extra=""):
        base = self.emulator.base_url
        text = f"[services emulator]\nsso =\n  endpoint_url = {base}\nsso_oidc =\n  endpoint_url = {base}\n\n"
        for portal in self.emulator.directory()["portals"]:
            text += (f"[sso-session {portal['name']}]\nsso_start_url = {portal['startUrl']}\n"
                     f"sso_region = {portal['region']}\nsso_registration_scopes = sso:account:access\n\n")
        for profile in self.profiles:
            text += (f"[profile {profile['name']}]\nsso_session = {profile['session']}\n"
                     f"sso_account_id = {profile['account_id']}\nsso_role_name = {profile['role_name']}\n"
                     "region = eu-west-1\nservices = emulator\n\n")
        self.config_file.write_text(text + extra)

    def environment(self, browser=False):
        env = {"PATH": "/usr/bin:/bin", "HOME": str(self.home), "LANG": "C.UTF-8"}
        if browser:
            env["BROWSER"] = f"{BROWSER_SCRIPT} %s"
        return env

    def multisso(self, *args, browser=False, timeout=120, env_extra=None):
        return subprocess.run(
            [str(multisso_binary()), *args], env={**self.environment(browser), **(env_extra or {})},
            capture_output=True, text=True,
            timeout=timeout, stdin=subprocess.DEVNULL,
        )

    @property
    def sso_cache(self) -> Path:
        return self.aws / "sso" / "cache"

    def credential_file(self, profile) -> dict:
        """The AWS CLI's ~/.aws/cli/cache file of a profile (compact sorted JSON key, SHA-1)."""
        key = json.dumps(
            {"accountId": profile["account_id"], "roleName": profile["role_name"], "sessionName": profile["session"]},
            sort_keys=True, separators=(",", ":"),
        )
        path = self.aws / "cli" / "cache" / (hashlib.sha1(key.encode()).hexdigest() + ".json")
        return json.loads(path.read_text())


def use_sandbox_in_process(monkeypatch, sandbox: Sandbox):
    """Points botocore in this process at the sandbox HOME (it computes ~/.aws/sso/cache at import time)."""
    import botocore.credentials
    import botocore.tokens

    monkeypatch.setenv("HOME", str(sandbox.home))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(sandbox.config_file))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(sandbox.aws / "credentials"))
    cache_dir = str(sandbox.sso_cache)
    monkeypatch.setattr(botocore.credentials.SSOProvider, "_SSO_TOKEN_CACHE_DIR", cache_dir)
    monkeypatch.setattr(botocore.tokens.SSOTokenProvider, "_SSO_TOKEN_CACHE_DIR", cache_dir)
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                 "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC",
                 "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"):
        monkeypatch.delenv(name, raising=False)
