"""boto3 uses what `multisso login --all` left behind: the token cache (no login of its own) and
`credential_process = multisso credential-process --profile X` (the CLI cache's credentials)."""

import boto3

from cli_support import Sandbox, multisso_binary, use_sandbox_in_process

LOGIN_OPERATIONS = ("RegisterClient", "StartDeviceAuthorization", "CreateToken", "Authorize")


def login_all(sandbox):
    result = sandbox.multisso("login", "--all", browser=True)
    assert result.returncode == 0, result.stderr
    return result


def test_boto3_uses_the_token_cache_multisso_wrote(start_emulator, tmp_path, monkeypatch):
    emulator = start_emulator("--portals", "2", "--accounts", "3", "--roles-per-account", "2", "--auto-approve")
    sandbox = Sandbox(tmp_path, emulator)
    login_all(sandbox)
    before = emulator.stats()
    use_sandbox_in_process(monkeypatch, sandbox)
    for profile in sandbox.profiles:
        credentials = boto3.Session(profile_name=profile["name"]).get_credentials().get_frozen_credentials()
        assert credentials.access_key.startswith("ASIA") and credentials.secret_key and credentials.token
        # boto3 fetched its own role credentials with multisso's token: a different set than the CLI cache's.
        assert credentials.access_key != sandbox.credential_file(profile)["Credentials"]["AccessKeyId"]
    after = emulator.stats()
    for operation in LOGIN_OPERATIONS:
        assert after["calls"].get(operation, 0) == before["calls"].get(operation, 0), operation
    assert after["calls"]["GetRoleCredentials"] == before["calls"]["GetRoleCredentials"] + len(sandbox.profiles)


def test_boto3_credential_process_gives_the_cli_cache_credentials(start_emulator, tmp_path, monkeypatch):
    emulator = start_emulator("--portals", "1", "--accounts", "2", "--roles-per-account", "2", "--auto-approve")
    sandbox = Sandbox(tmp_path, emulator)
    extra = "".join(
        f"[profile via-{profile['name']}]\n"
        f"credential_process = {multisso_binary()} credential-process --profile {profile['name']}\n\n"
        for profile in sandbox.profiles
    )
    sandbox.write_config(extra)
    login_all(sandbox)
    before = emulator.stats()
    use_sandbox_in_process(monkeypatch, sandbox)
    for profile in sandbox.profiles:
        session = boto3.Session(profile_name=f"via-{profile['name']}")
        credentials = session.get_credentials()
        assert credentials.method == "custom-process"
        frozen = credentials.get_frozen_credentials()
        cached = sandbox.credential_file(profile)["Credentials"]
        assert (frozen.access_key, frozen.secret_key, frozen.token) == (
            cached["AccessKeyId"], cached["SecretAccessKey"], cached["SessionToken"])
        assert credentials._expiry_time.strftime("%Y-%m-%dT%H:%M:%SZ") == cached["Expiration"]
    assert emulator.stats()["calls"] == before["calls"], "credential-process called the emulator with a warm cache"
