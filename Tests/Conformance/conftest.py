"""Fixtures that run the real `sso-emulator` binary for the botocore conformance tests.

The binary comes from $MULTISSO_BIN_DIR (set by scripts/test), else from `swift build --show-bin-path`
run in the package root. Each emulator is started on port 0, its first stdout lines are read
(`listening on URL`, then one `portal NAME start_url=URL region=REGION` line per portal), and it is
stopped with SIGTERM when the test (or session) ends.
"""

import json
import os
import re
import subprocess
import urllib.request
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[2]

# botocore and urllib honour HTTP(S)_PROXY and NO_PROXY, and so do the multisso and sso-emulator children
# started here: a proxy set on the machine must not reroute the tests' loopback traffic.
for _name in [name for name in os.environ if name.lower().endswith("_proxy")]:
    del os.environ[_name]
LISTENING = re.compile(r"^listening on (http://127\.0\.0\.1:\d+)$")
PORTAL = re.compile(r"^portal (\S+) start_url=(\S+) region=(\S+)$")


def emulator_binary() -> Path:
    bin_dir = os.environ.get("MULTISSO_BIN_DIR")
    if not bin_dir:
        bin_dir = subprocess.run(
            ["swift", "build", "--show-bin-path"], cwd=PACKAGE_ROOT, check=True, capture_output=True, text=True
        ).stdout.strip()
    binary = Path(bin_dir) / "sso-emulator"
    if not binary.exists():
        pytest.fail(f"{binary} does not exist: run `swift build` (scripts/test does) before pytest")
    return binary


class Emulator:
    """A running sso-emulator process: its base URL, its portals, and its admin routes."""

    def __init__(self, args):
        self.args = list(args)
        self.process = subprocess.Popen(
            [str(emulator_binary()), *self.args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        first = self.process.stdout.readline().rstrip("\n")
        match = LISTENING.match(first)
        if not match:
            self.stop()
            raise RuntimeError(f"unexpected first line {first!r}; stderr: {self.process.stderr.read()}")
        self.base_url = match.group(1)
        expected = len(self.admin_get("/_admin/directory")["portals"])
        self.portals = []
        for _ in range(expected):
            line = self.process.stdout.readline().rstrip("\n")
            portal = PORTAL.match(line)
            assert portal, f"unexpected portal line {line!r}"
            self.portals.append(
                {"name": portal.group(1), "start_url": portal.group(2), "region": portal.group(3)}
            )

    @property
    def start_url(self):
        return self.portals[0]["start_url"]

    @property
    def region(self):
        return self.portals[0]["region"]

    def request(self, method, path, body=None, headers=None):
        """Raw HTTP: returns (status, headers, body bytes) without raising on errors or following redirects."""
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        req = urllib.request.Request(self.base_url + path, data=data, method=method, headers=headers or {})
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(req, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def admin_get(self, path):
        status, _, body = self.request("GET", path)
        assert status == 200, body
        return json.loads(body)

    def admin_post(self, path, body=None):
        status, _, payload = self.request("POST", path, body if body is not None else {})
        return status, json.loads(payload)

    def stats(self):
        return self.admin_get("/_admin/stats")

    def directory(self):
        return self.admin_get("/_admin/directory")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            if stream:
                stream.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@pytest.fixture(scope="session")
def emulator():
    """A shared emulator: 2 portals, 250 accounts each, 3 roles, auto-approve, page size 20."""
    running = Emulator(
        ["--portals", "2", "--accounts", "250", "--roles-per-account", "3", "--page-size", "20", "--auto-approve"]
    )
    yield running
    running.stop()


@pytest.fixture
def start_emulator():
    """Starts emulators with the given command-line arguments; all are stopped after the test."""
    started = []

    def start(*args):
        running = Emulator(args)
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()
