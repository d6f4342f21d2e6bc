#!/usr/bin/env python3
"""Baseline: what a Python user writes to get every profile's SSO credentials with botocore.

For each profile: `botocore.session.Session(profile=name).get_credentials().get_frozen_credentials()`
(what `boto3.Session(profile_name=name)` does underneath), one after another (--threads 1) or in a
ThreadPoolExecutor (--threads 16). The token comes from ~/.aws/sso/cache like for the AWS CLI; every
profile's role credentials are fetched with one GetRoleCredentials.

To be fair to botocore, the parts that do not depend on the profile are shared between the sessions:
one data loader (service models, endpoints) through the public `register_component`, and the config
file parsed once (botocore would otherwise parse the whole file for every new session). Prints one JSON
line: seconds spent resolving (interpreter start and imports excluded), successes and failures.
"""

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import botocore.session


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--profiles-from", required=True, help="file with one profile name per line")
    args = parser.parse_args()
    profiles = [line.strip() for line in open(args.profiles_from) if line.strip()]

    template = botocore.session.Session()
    full_config = template.full_config  # parse ~/.aws/config once
    loader = template.get_component("data_loader")

    def resolve(name):
        session = botocore.session.Session(profile=name)
        session.register_component("data_loader", loader)
        session._config = full_config  # the parsed file, shared (botocore caches it per session)
        try:
            frozen = session.get_credentials().get_frozen_credentials()
            return frozen.access_key is not None, None
        except Exception as error:  # one profile's failure never stops the others
            return False, f"{name}: {type(error).__name__}: {error}"

    started = time.perf_counter()
    if args.threads <= 1:
        results = [resolve(name) for name in profiles]
    else:
        with ThreadPoolExecutor(max_workers=args.threads) as pool:
            results = list(pool.map(resolve, profiles))
    seconds = time.perf_counter() - started
    errors = [error for ok, error in results if not ok]
    print(json.dumps({"seconds": seconds, "succeeded": len(results) - len(errors), "failed": len(errors),
                      "errors": errors[:5]}))


if __name__ == "__main__":
    sys.exit(main())
