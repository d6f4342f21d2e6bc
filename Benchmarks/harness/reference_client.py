#!/usr/bin/env python3
"""Reference client: the same GetRoleCredentials calls multisso's `login --all` makes, at the same
concurrency, against the same emulator, with nothing else: what the network allows.

One thread per connection (`--concurrency`, multisso's most requests in flight), each with one
keep-alive `http.client` connection, taking the next profile from a shared queue. Tokens are read once
from ~/.aws/sso/cache (sha1 of the session name), like multisso's warm-token run.

`--write DIR` also writes each profile's credentials naively, as a user's script would: the AWS CLI's
file (same name, same JSON) into DIR through a temporary file and a rename, from the worker thread that
fetched it. Without it nothing is written (the no-write reference). Prints one JSON line: seconds (from
the first request to the last answer, interpreter start and imports excluded), succeeded, failed.
"""

import argparse
import hashlib
import http.client
import json
import os
import queue
import sys
import threading
import time
from datetime import datetime, timezone
from urllib.parse import urlsplit, urlencode


def cache_name(account, role, session):
    key = json.dumps({"accountId": account, "roleName": role, "sessionName": session},
                     sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(key.encode()).hexdigest() + ".json"


def write_naively(folder, account, role, session, credentials):
    expiration = datetime.fromtimestamp(credentials["expiration"] // 1000, tz=timezone.utc)
    document = {"ProviderType": "sso", "Credentials": {
        "AccessKeyId": credentials["accessKeyId"], "SecretAccessKey": credentials["secretAccessKey"],
        "SessionToken": credentials["sessionToken"], "Expiration": expiration.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "AccountId": account}}
    target = os.path.join(folder, cache_name(account, role, session))
    temporary = f"{target}.{threading.get_ident()}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump(document, file)
    os.replace(temporary, target)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True, help="the emulator's base URL")
    parser.add_argument("--jobs", required=True, help="JSON: [[account_id, role, session], ...]")
    parser.add_argument("--token-cache", required=True, help="~/.aws/sso/cache")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--write", help="folder to write the credential files into (naive writer)")
    args = parser.parse_args()
    jobs = json.load(open(args.jobs))
    tokens = {}
    for _, _, session in jobs:
        if session not in tokens:
            path = os.path.join(args.token_cache, hashlib.sha1(session.encode()).hexdigest() + ".json")
            tokens[session] = json.load(open(path))["accessToken"]
    if args.write:
        os.makedirs(args.write, mode=0o700, exist_ok=True)
    endpoint = urlsplit(args.endpoint)
    work = queue.SimpleQueue()
    for job in jobs:
        work.put(job)
    counts = {"succeeded": 0, "failed": 0}
    errors = []
    lock = threading.Lock()

    def worker():
        connection = http.client.HTTPConnection(endpoint.hostname, endpoint.port, timeout=60)
        while True:
            try:
                account, role, session = work.get_nowait()
            except queue.Empty:
                break
            ok = False
            try:
                query = urlencode({"role_name": role, "account_id": account})
                connection.request("GET", f"/federation/credentials?{query}",
                                   headers={"x-amz-sso_bearer_token": tokens[session]})
                response = connection.getresponse()
                body = response.read()
                if response.status == 200:
                    credentials = json.loads(body)["roleCredentials"]
                    if args.write:
                        write_naively(args.write, account, role, session, credentials)
                    ok = True
                else:
                    with lock:
                        errors.append(f"{account}/{role}: HTTP {response.status}")
            except Exception as error:  # one profile's failure never stops the others
                connection.close()
                connection = http.client.HTTPConnection(endpoint.hostname, endpoint.port, timeout=60)
                with lock:
                    errors.append(f"{account}/{role}: {type(error).__name__}: {error}")
            with lock:
                counts["succeeded" if ok else "failed"] += 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(min(args.concurrency, len(jobs)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, **counts, "errors": errors[:5]}))


if __name__ == "__main__":
    sys.exit(main())
