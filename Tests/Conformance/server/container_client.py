"""A botocore ContainerProvider client for the credential server tests, run in-process or as the child of
`multisso exec --server`: THREADS threads, each with its own provider, take frozen credentials every
INTERVAL seconds for SECONDS seconds, with botocore's refresh windows scaled down to ADVISORY / MANDATORY
seconds (the emulator's credentials live seconds, not an hour). Prints one JSON summary line."""

import datetime
import json
import os
import sys
import threading
import time

from botocore.credentials import ContainerProvider


def run(environ, seconds, threads=4, interval=0.1, advisory=3, mandatory=2):
    results = {"calls": 0, "errors": [], "keys": set(), "min_left": None, "accounts": set(), "expired": 0}
    lock = threading.Lock()

    def client():
        credentials = ContainerProvider(environ=environ).load()
        credentials._advisory_refresh_timeout = advisory
        credentials._mandatory_refresh_timeout = mandatory
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                frozen = credentials.get_frozen_credentials()
                left = (credentials._expiry_time - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
                with lock:
                    results["calls"] += 1
                    results["keys"].add(frozen.access_key)
                    results["accounts"].add(credentials.account_id)
                    if left <= 0:
                        results["expired"] += 1
                    results["min_left"] = left if results["min_left"] is None else min(results["min_left"], left)
            except Exception as error:  # every failure is reported, none is fatal
                with lock:
                    results["errors"].append(repr(error))
            time.sleep(interval)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {
        "calls": results["calls"], "errors": results["errors"][:5], "error_count": len(results["errors"]),
        "keys": sorted(results["keys"]), "min_left": results["min_left"], "expired": results["expired"],
        "accounts": sorted(a for a in results["accounts"] if a), "profile": os.environ.get("MULTISSO_PROFILE"),
    }


if __name__ == "__main__":
    print(json.dumps(run(dict(os.environ), float(sys.argv[1]), threads=int(sys.argv[2]))), flush=True)
