"""`multisso serve` and `exec --server` with real clients: botocore's ContainerProvider (in this process and as
the child of `exec --server`) over several short credential lifetimes, botocore's InstanceMetadataProvider
against the IMDSv2 endpoint, and the AWS CLI v2 (/usr/bin/aws). Every GetRoleCredentials is counted at the
emulator: each rollover must cost one, however many clients ask."""

import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from botocore.credentials import InstanceMetadataProvider
from botocore.utils import InstanceMetadataFetcher

from cli_support import Sandbox, multisso_binary

sys.path.insert(0, str(Path(__file__).parent / "server"))
import container_client  # noqa: E402

CLIENT_SCRIPT = Path(__file__).parent / "server" / "container_client.py"
LISTENING = re.compile(r"^listening on (http://127\.0\.0\.1:(\d+))$")
CREDENTIAL_TTL = 8
REFRESH_WINDOW = 4


def logged_in_sandbox(start_emulator, tmp_path):
    emulator = start_emulator("--portals", "1", "--accounts", "2", "--roles-per-account", "2", "--auto-approve",
                              "--credential-ttl", str(CREDENTIAL_TTL))
    sandbox = Sandbox(tmp_path, emulator)
    result = sandbox.multisso("login", "--all", "--use-device-code", "--no-browser")
    assert result.returncode == 0, result.stderr
    emulator.admin_post("/_admin/reset")
    return emulator, sandbox


def role_credential_calls(emulator):
    return emulator.stats()["calls"].get("GetRoleCredentials", 0)


class Server:
    """`multisso serve ARGS` in the sandbox; its first line gives the URL."""

    def __init__(self, sandbox, *args):
        self.token_file = sandbox.home / "serve-token"
        self.process = subprocess.Popen(
            [str(multisso_binary()), "serve", "--port", "0", "--token-file", str(self.token_file), *args],
            env=sandbox.environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            stdin=subprocess.DEVNULL)
        ready, _, _ = select.select([self.process.stdout], [], [], 30)
        assert ready, "serve printed nothing in 30 s"
        first = self.process.stdout.readline().rstrip("\n")
        match = LISTENING.match(first)
        assert match, f"unexpected first line {first!r}: {self.process.stderr.read() if self.process.poll() is not None else ''}"
        self.base_url = match.group(1)
        self.banner = [first]
        wanted = ["export AWS_CONTAINER_CREDENTIALS_FULL_URI="]
        if "--imds-profile" in args:
            wanted.append("export AWS_EC2_METADATA_SERVICE_ENDPOINT=")
        while wanted:
            line = self.process.stdout.readline()
            assert line, f"serve's output ended early: {self.banner}"
            self.banner.append(line.rstrip("\n"))
            wanted = [prefix for prefix in wanted if not line.startswith(prefix)]

    def environ(self, profile_url):
        return {"AWS_CONTAINER_CREDENTIALS_FULL_URI": profile_url,
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": str(self.token_file)}

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=15)
        stderr = self.process.stderr.read()
        self.process.stdout.close()
        self.process.stderr.close()
        return code, stderr


def profile_url(base_url, name):
    from urllib.parse import quote
    return f"{base_url}/profiles/{quote(name, safe='')}"


def test_serve_prints_the_contract_and_never_the_token(start_emulator, tmp_path):
    emulator, sandbox = logged_in_sandbox(start_emulator, tmp_path)
    server = Server(sandbox, "--all", "-v")
    try:
        token = server.token_file.read_text()
        provider = container_client.ContainerProvider(
            environ=server.environ(profile_url(server.base_url, sandbox.profiles[0]["name"])))
        served = provider.load().get_frozen_credentials()
        assert len(token) == 64 and "\n" not in token
        assert oct(server.token_file.stat().st_mode & 0o777) == "0o600"
        text = "\n".join(server.banner)
        assert token not in text
        assert f"export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE='{server.token_file}'" in text
        assert f"export AWS_CONTAINER_CREDENTIALS_FULL_URI='{profile_url(server.base_url, sandbox.profiles[0]['name'])}'" in text
    finally:
        code, stderr = server.stop()
    assert code == 0, stderr
    assert "GET /profiles/" in stderr, "-v logs each request"
    for secret in (token, served.secret_key, served.token):
        assert secret not in stderr and secret not in text


def test_botocore_container_provider_against_serve_over_several_lifetimes(start_emulator, tmp_path):
    emulator, sandbox = logged_in_sandbox(start_emulator, tmp_path)
    profile = sandbox.profiles[0]
    server = Server(sandbox, "--all", "--refresh-window", str(REFRESH_WINDOW))
    try:
        seconds = 3 * CREDENTIAL_TTL
        summary = container_client.run(server.environ(profile_url(server.base_url, profile["name"])), seconds, threads=8)
    finally:
        code, stderr = server.stop()
    assert code == 0, stderr
    assert summary["error_count"] == 0, summary["errors"]
    assert summary["calls"] > 100
    assert summary["expired"] == 0
    assert summary["min_left"] > 1
    assert summary["accounts"] == [profile["account_id"]]
    calls = role_credential_calls(emulator)
    # The same number of fetches for 8 clients as for one, and each fetch is a set some client saw (the first
    # set may be the one `login --all` left in the cache).
    assert calls <= len(summary["keys"]) <= calls + 1
    # Clients ask again once botocore's advisory window (3 s) is reached, the server fetches when less than its
    # window (4 s) is left: one fetch every 4 to 5 seconds.
    assert seconds / (CREDENTIAL_TTL - 3) - 1 <= calls <= seconds / (CREDENTIAL_TTL - REFRESH_WINDOW) + 2


def test_botocore_in_exec_server_children_one_and_many_profiles(start_emulator, tmp_path):
    emulator, sandbox = logged_in_sandbox(start_emulator, tmp_path)
    python = sys.executable
    seconds = 2 * CREDENTIAL_TTL
    one = sandbox.profiles[0]
    result = subprocess.run(
        [str(multisso_binary()), "exec", "--server", "--profile", one["name"], "--", python, str(CLIENT_SCRIPT), str(seconds), "4"],
        env=sandbox.environment(), capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["error_count"] == 0, summary["errors"]
    assert summary["expired"] == 0 and summary["calls"] > 50
    assert summary["accounts"] == [one["account_id"]]
    # exec's own server refreshes 15 minutes ahead: with 8-second credentials every client refresh is a fetch,
    # still single-flight (never more fetches than distinct sets handed out).
    assert role_credential_calls(emulator) <= len(summary["keys"]) + 1

    names = [profile["name"] for profile in sandbox.profiles]
    result = subprocess.run(
        [str(multisso_binary()), "exec", "--server", "--all", "--", python, str(CLIENT_SCRIPT), "3", "2"],
        env=sandbox.environment(), capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    seen = {}
    for line in result.stdout.splitlines():
        label, _, payload = line.partition("] ")
        summary = json.loads(payload)
        assert summary["error_count"] == 0, summary["errors"]
        seen[summary["profile"]] = summary["accounts"]
        assert label.lstrip("[") == summary["profile"]
    assert sorted(seen) == sorted(names)
    for profile in sandbox.profiles:
        assert seen[profile["name"]] == [profile["account_id"]]
    assert not list(Path(tmp_path).glob("multisso-server-*")), "the token folder is removed"


def test_botocore_instance_metadata_provider_against_imds(start_emulator, tmp_path):
    emulator, sandbox = logged_in_sandbox(start_emulator, tmp_path)
    profile = sandbox.profiles[1]
    server = Server(sandbox, "--profile", sandbox.profiles[0]["name"], "--imds-profile", profile["name"])
    try:
        assert f"export AWS_EC2_METADATA_SERVICE_ENDPOINT={server.base_url}/" in server.banner
        fetcher = InstanceMetadataFetcher(base_url=server.base_url + "/", timeout=5, num_attempts=2)
        credentials = InstanceMetadataProvider(iam_role_fetcher=fetcher).load()
        assert credentials is not None, "botocore got nothing from the IMDS endpoint"
        frozen = credentials.get_frozen_credentials()
        assert frozen.access_key.startswith("ASIA") and frozen.secret_key and frozen.token
    finally:
        code, stderr = server.stop()
    assert code == 0, stderr
    # load() fetches once; with 8-second credentials, get_frozen_credentials() is inside botocore's refresh
    # window and fetches once more.
    assert 1 <= role_credential_calls(emulator) <= 2


def test_aws_cli_v2_exports_the_served_credentials(start_emulator, tmp_path):
    aws = Path("/usr/bin/aws")
    if not aws.exists():
        pytest.fail("/usr/bin/aws (Debian's awscli, the AWS CLI v2) is missing: run scripts/bootstrap")
    emulator, sandbox = logged_in_sandbox(start_emulator, tmp_path)
    profile = sandbox.profiles[0]
    server = Server(sandbox, "--all")
    try:
        # AWS CLI 2.9 reads the token from AWS_CONTAINER_AUTHORIZATION_TOKEN only (the _FILE variable came later).
        environment = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "empty-home"), "LANG": "C.UTF-8",
                       "AWS_CONTAINER_CREDENTIALS_FULL_URI": profile_url(server.base_url, profile["name"]),
                       "AWS_CONTAINER_AUTHORIZATION_TOKEN": server.token_file.read_text()}
        result = subprocess.run([str(aws), "configure", "export-credentials", "--format", "process"],
                                env=environment, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        document = json.loads(result.stdout)
        assert document["AccessKeyId"].startswith("ASIA")
        assert document["Version"] == 1 and document["SessionToken"] and document["Expiration"]
        environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "wrong"
        refused = subprocess.run([str(aws), "configure", "export-credentials", "--format", "process"],
                                 env=environment, capture_output=True, text=True, timeout=60)
        assert refused.returncode != 0
    finally:
        code, stderr = server.stop()
    assert code == 0, stderr


def test_login_needed_is_an_error_naming_the_command_and_serve_recovers(start_emulator, tmp_path):
    emulator = start_emulator("--portals", "1", "--accounts", "1", "--roles-per-account", "1", "--auto-approve")
    sandbox = Sandbox(tmp_path, emulator)
    profile = sandbox.profiles[0]
    server = Server(sandbox, "--all")
    try:
        environ = server.environ(profile_url(server.base_url, profile["name"]))
        with pytest.raises(Exception) as failure:
            container_client.ContainerProvider(environ=environ).load()
        assert f"multisso login --sso-session {profile['session']}" in str(failure.value)
        result = sandbox.multisso("login", "--all", "--use-device-code", "--no-browser")
        assert result.returncode == 0, result.stderr
        credentials = container_client.ContainerProvider(environ=environ).load()
        assert credentials.get_frozen_credentials().access_key.startswith("ASIA")
    finally:
        code, stderr = server.stop()
    assert code == 0, stderr
    assert emulator.stats()["calls"].get("StartDeviceAuthorization", 0) == 1, "only the explicit login"


def test_non_loopback_address_needs_the_explicit_flag(start_emulator, tmp_path):
    emulator = start_emulator("--portals", "1", "--accounts", "1", "--roles-per-account", "1", "--auto-approve")
    sandbox = Sandbox(tmp_path, emulator)
    result = sandbox.multisso("serve", "--all", "--host", "0.0.0.0", "--port", "0", timeout=30)
    assert result.returncode == 64, result.stderr
    assert "--allow-non-loopback" in result.stderr
    assert result.stdout == ""


def test_agent_command_runs_until_sigterm_and_installs_a_unit(start_emulator, tmp_path):
    emulator, sandbox = logged_in_sandbox(start_emulator, tmp_path)
    process = subprocess.Popen([str(multisso_binary()), "agent", "--all"], env=sandbox.environment(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    try:
        line = process.stderr.readline()
        assert f"keeping {len(sandbox.profiles)} profiles of 1 portals fresh" in line, line
        # 8-second credentials are always inside the agent's margins: it renews them, once per pass.
        deadline = time.monotonic() + 20
        while role_credential_calls(emulator) < len(sandbox.profiles) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert role_credential_calls(emulator) >= len(sandbox.profiles)
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=15)
        process.stdout.close()
        process.stderr.close()
    assert code == 0
    environment = dict(sandbox.environment(), XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    result = subprocess.run([str(multisso_binary()), "agent", "--all", "--install"], env=environment,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    unit = (tmp_path / "xdg" / "systemd" / "user" / "multisso-agent.service").read_text()
    assert f"ExecStart={multisso_binary()} agent --all\n" in unit
    assert "systemctl --user enable --now multisso-agent" in result.stdout
