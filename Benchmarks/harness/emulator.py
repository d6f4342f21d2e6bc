"""The one `sso-emulator` of a benchmark run: started once with every portal, account and role the
scenarios need, its knobs (latency, rate limit) changed between scenarios through /_admin/config."""

import json
import subprocess
import urllib.request

import proc


class Emulator:
    def __init__(self, binary, portals, accounts, roles, latency_ms, log_path):
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(
            [str(binary), "--port", "0", "--portals", str(portals), "--accounts", str(accounts),
             "--roles-per-account", str(roles), "--latency-ms", str(latency_ms), "--auto-approve",
             "--log-level", "error"],
            stdout=subprocess.PIPE, stderr=self.log, text=True,
        )
        first = self.process.stdout.readline()
        if not first.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"sso-emulator did not start (see {log_path}): {first!r}")
        self.base = first.split()[-1]
        self.port = int(self.base.rsplit(":", 1)[1])
        self.directory = self.get("/_admin/directory")

    def get(self, path):
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return json.loads(response.read() or b"null")

    def post(self, path, body):
        request = urllib.request.Request(self.base + path, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    def configure(self, **knobs):
        return self.post("/_admin/config", knobs)

    def reset_stats(self):
        self.post("/_admin/reset", {})

    def stats(self):
        return self.get("/_admin/stats")

    def stop(self):
        proc.stop(self.process)
        self.log.close()
