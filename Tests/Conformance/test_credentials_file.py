"""botocore reads the shared credentials file that `multisso export --format credentials --write` edits:
its sections give the CLI cache's credentials, the user's own sections still work, the marker keys and
comment are ignored, and a profile's SSO keys win over a credentials-file section of the same name."""

import boto3
import botocore.configloader

from cli_support import Sandbox, use_sandbox_in_process

USER_TEXT = "# mine\n[user]\naws_access_key_id = AKIAUSERKEY\naws_secret_access_key = user-secret\n"


def test_botocore_reads_the_written_sections(start_emulator, tmp_path, monkeypatch):
    emulator = start_emulator("--portals", "2", "--accounts", "2", "--roles-per-account", "1", "--auto-approve")
    sandbox = Sandbox(tmp_path, emulator)
    credentials_file = sandbox.aws / "credentials"
    credentials_file.write_text(USER_TEXT)
    result = sandbox.multisso("export", "--format", "credentials", "--write", "--all",
                              "--name-template", "legacy-{profile}", browser=True,
                              env_extra={"AWS_SHARED_CREDENTIALS_FILE": str(credentials_file)})
    assert result.returncode == 0, result.stderr
    assert credentials_file.read_text().startswith(USER_TEXT + "\n")

    parsed = botocore.configloader.raw_config_parse(str(credentials_file))
    assert set(parsed) == {"user"} | {f"legacy-{p['name']}" for p in sandbox.profiles}
    assert all(not key.startswith("#") for section in parsed.values() for key in section)

    use_sandbox_in_process(monkeypatch, sandbox)
    before = emulator.stats()
    for profile in sandbox.profiles:
        credentials = boto3.Session(profile_name=f"legacy-{profile['name']}").get_credentials()
        assert credentials.method == "shared-credentials-file"
        frozen = credentials.get_frozen_credentials()
        cached = sandbox.credential_file(profile)["Credentials"]
        assert (frozen.access_key, frozen.secret_key, frozen.token) == (
            cached["AccessKeyId"], cached["SecretAccessKey"], cached["SessionToken"])
    user = boto3.Session(profile_name="user").get_credentials().get_frozen_credentials()
    assert (user.access_key, user.secret_key, user.token) == ("AKIAUSERKEY", "user-secret", None)
    assert emulator.stats()["calls"] == before["calls"]


def test_sso_keys_win_over_a_section_of_the_same_name(start_emulator, tmp_path, monkeypatch):
    emulator = start_emulator("--portals", "1", "--accounts", "1", "--roles-per-account", "1", "--auto-approve")
    sandbox = Sandbox(tmp_path, emulator)
    profile = sandbox.profiles[0]
    result = sandbox.multisso("export", "--format", "credentials", "--write", "--profile", profile["name"], browser=True)
    assert result.returncode == 0, result.stderr
    use_sandbox_in_process(monkeypatch, sandbox)
    # The SDK's chain puts the SSO provider before the shared credentials file: the section named like the
    # SSO profile serves only tools that cannot use SSO.
    assert boto3.Session(profile_name=profile["name"]).get_credentials().method == "sso"
