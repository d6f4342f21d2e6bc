"""A sandbox HOME for one scenario: ~/.aws/config with N profiles over K portals of the emulator, and
the caches every tool reads (~/.aws/sso/cache for tokens, ~/.aws/cli/cache for role credentials).

The config is the one a user of several tools has: [sso-session] sections with a [services] section
pointing at the emulator (read by botocore, aws-sso-util and multisso alike), and profiles that name
their sso_session and also carry sso_start_url and sso_region (equal to the session's, which botocore
and multisso accept), because aws-sso-util's credential-process reads those from the profile itself.
"""

import hashlib
import json
import os
import shutil
from pathlib import Path


def work_folder(out):
    """`out`/tmp, emptied: where a run's sandboxes and the emulator's log go."""
    work = Path(out) / "tmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    return work


class Sandbox:
    def __init__(self, root, emulator, profiles, portals, name):
        """`profiles` over the first `portals` portals of the emulator's directory, spread evenly."""
        self.name = name
        self.home = Path(root) / name
        self.aws = self.home / ".aws"
        self.aws.mkdir(parents=True, exist_ok=True, mode=0o700)
        chosen = emulator.directory["portals"][:portals]
        if len(chosen) < portals:
            raise ValueError(f"the emulator has {len(chosen)} portals, {portals} are needed")
        per_portal = [profiles // portals + (1 if i < profiles % portals else 0) for i in range(portals)]
        self.portals = []
        self.profiles = []
        self.entries = []  # (account ID, role, session) of each profile, in the order of `profiles`
        lines = ["[services emulator]", "sso =", f"  endpoint_url = {emulator.base}", "sso_oidc =",
                 f"  endpoint_url = {emulator.base}", ""]
        for portal, count in zip(chosen, per_portal):
            roles = [(account, role) for account in portal["accounts"] for role in account["roles"]]
            if len(roles) < count:
                raise ValueError(f"portal {portal['name']} has {len(roles)} roles, {count} are needed")
            session = portal["name"]
            self.portals.append({"session": session, "startUrl": portal["startUrl"], "region": portal["region"]})
            lines += [f"[sso-session {session}]", f"sso_start_url = {portal['startUrl']}",
                      f"sso_region = {portal['region']}", "sso_registration_scopes = sso:account:access", ""]
            for account, role in roles[:count]:
                profile = f"{session}-{account['accountName']}-{role}"
                self.profiles.append(profile)
                self.entries.append((account["accountId"], role, session))
                lines += [f"[profile {profile}]", f"sso_session = {session}",
                          f"sso_start_url = {portal['startUrl']}", f"sso_region = {portal['region']}",
                          f"sso_account_id = {account['accountId']}", f"sso_role_name = {role}",
                          "region = eu-west-1", "services = emulator", ""]
        (self.aws / "config").write_text("\n".join(lines))
        self.trash = Path(root) / "discarded" / name
        self.trash.mkdir(parents=True, exist_ok=True)
        self.discarded = 0
        self.token_cache = self.aws / "sso" / "cache"
        self.credential_cache = self.aws / "cli" / "cache"
        self.config = self.aws / "config"

    def env(self, **extra):
        """The children's environment: this HOME, no AWS_* variable from the caller's shell."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
        env.update(HOME=str(self.home), AWS_EC2_METADATA_DISABLED="true", NO_COLOR="1")
        env.pop("BROWSER", None)
        env.update(extra)
        return env

    def clear_credentials(self):
        self._discard(self.credential_cache)

    def clear_tokens(self):
        self._discard(self.token_cache)

    def _discard(self, folder):
        """Moves a cache folder aside (the harness deletes it at the end of the run) rather than
        deleting it: on ext4, creating 1,000 files seconds after 1,000 were deleted nearby makes the
        inode allocator check every recently freed inode (`recently_deleted`), which took longer than
        all the HTTP requests. A user's old credential files were freed an hour earlier, not seconds."""
        if folder.exists():
            self.discarded += 1
            folder.rename(self.trash / f"{folder.parent.name}-{folder.name}-{self.discarded}")

    def clear_all(self):
        self.clear_credentials()
        self.clear_tokens()

    def has_tokens(self):
        return all((self.token_cache / (hashlib.sha1(p["session"].encode()).hexdigest() + ".json")).exists()
                   for p in self.portals)

    def seed_start_url_tokens(self):
        """Writes each portal's token also under the legacy key, sha1(start URL), in the AWS CLI's legacy
        format (startUrl, region, accessToken, expiresAt): where aws-sso-util (which keys tokens by start
        URL) finds a login, as after `aws-sso-util login`. The token itself is the one multisso got."""
        for portal in self.portals:
            source = self.token_cache / (hashlib.sha1(portal["session"].encode()).hexdigest() + ".json")
            token = json.loads(source.read_text())
            legacy = {key: token[key] for key in ("startUrl", "region", "accessToken", "expiresAt") if key in token}
            legacy.setdefault("startUrl", portal["startUrl"])
            legacy.setdefault("region", portal["region"])
            target = self.token_cache / (hashlib.sha1(portal["startUrl"].encode()).hexdigest() + ".json")
            target.write_text(json.dumps(legacy))
            target.chmod(0o600)
