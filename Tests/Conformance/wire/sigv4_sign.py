"""Signs requests with botocore's SigV4Auth at a fixed time, for multisso's signer conformance test.

    sigv4_sign.py < cases.json    each case: method, url, headers [[name, value]...], body, access_key,
                                  secret_key, token (or null), region, service, epoch (seconds)

Prints a JSON list of the Authorization (and X-Amz-Date, X-Amz-Security-Token) headers botocore adds.
"""
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def sign(case):
    moment = datetime.datetime.fromtimestamp(case["epoch"], datetime.timezone.utc).replace(tzinfo=None)
    botocore.auth.get_current_datetime = lambda: moment
    request = AWSRequest(method=case["method"], url=case["url"], data=case["body"].encode())
    for name, value in case["headers"]:
        request.headers[name] = value
    credentials = Credentials(case["access_key"], case["secret_key"], case.get("token"))
    botocore.auth.SigV4Auth(credentials, case["service"], case["region"]).add_auth(request)
    return {name: request.headers.get(name) for name in ("Authorization", "X-Amz-Date", "X-Amz-Security-Token")}


json.dump([sign(case) for case in json.load(sys.stdin)], sys.stdout)
