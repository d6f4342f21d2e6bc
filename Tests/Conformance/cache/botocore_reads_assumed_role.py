"""Resolves a role-chain profile with botocore, its assume-role provider reading the AWS CLI's cache
folder (~/.aws/cli/cache, a JSONFileCache, as the AWS CLI sets it up): prints the access key id it got.
STS goes to AWS_ENDPOINT_URL_STS, so a cache miss is visible at the emulator's counters.

    botocore_reads_assumed_role.py PROFILE
"""
import os
import sys

import botocore.session
from botocore.utils import JSONFileCache

session = botocore.session.Session(profile=sys.argv[1])
cache = JSONFileCache(os.path.expanduser("~/.aws/cli/cache"))
session.get_component("credential_provider").get_provider("assume-role").cache = cache
print(session.get_credentials().get_frozen_credentials().access_key)
