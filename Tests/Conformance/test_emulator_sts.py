"""botocore's own assume-role provider against the emulator's STS: a two-hop chain rooted in an SSO
profile resolves, every request SigV4-checked by the emulator, and GetCallerIdentity names the last role."""

import datetime

import boto3

from emulator_support import device_login, clients
from test_emulator_profiles import profile_environment, write_profile


def test_botocore_resolves_a_role_chain_against_the_emulator(emulator, monkeypatch, tmp_path):
    oidc, _ = clients(emulator)
    registration, token = device_login(emulator, oidc)
    accounts = emulator.directory()["portals"][0]["accounts"]
    hub, spoke = accounts[5], accounts[7]
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=4)
    aws, _ = write_profile(tmp_path, emulator, hub["accountId"], hub["roles"][0], expires, token, registration)
    first = f"arn:aws:iam::{spoke['accountId']}:role/{spoke['roles'][0]}"
    second = f"arn:aws:iam::{hub['accountId']}:role/{hub['roles'][1]}"
    with open(aws / "config", "a") as config:
        config.write(
            f"\n[profile spoke]\nrole_arn = {first}\nsource_profile = conformance\nrole_session_name = one\n"
            f"\n[profile spoke2]\nrole_arn = {second}\nsource_profile = spoke\nregion = eu-west-1\n"
        )
    profile_environment(monkeypatch, tmp_path, aws, emulator)
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", emulator.base_url)
    before = emulator.stats()["assumeRoleRequests"]
    identity = boto3.Session(profile_name="spoke2").client("sts").get_caller_identity()
    assert identity["Account"] == hub["accountId"]
    assert identity["Arn"].startswith(f"arn:aws:sts::{hub['accountId']}:assumed-role/{hub['roles'][1]}/botocore-session-")
    after = emulator.stats()["assumeRoleRequests"]
    assert after.get(first, 0) == before.get(first, 0) + 1
    assert after.get(second, 0) == before.get(second, 0) + 1
