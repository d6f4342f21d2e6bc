"""Role chains at scale: `multisso login --all` over chained profiles (role_arn + source_profile) on
SSO hub profiles, against the floor and against botocore's own assume-role provider with 16 threads.

The config: H hub profiles (SSO, one role each) and N chained profiles, each assuming a distinct role of
the emulator's directory from one hub (N / H per hub), STS being the emulator (AWS_ENDPOINT_URL_STS).
Every chained profile is its own hop, so multisso makes H GetRoleCredentials and N AssumeRole; botocore,
whose assume-role cache lives in each session, makes one GetRoleCredentials and one AssumeRole per profile.

The floor: the hubs' wave, ceil(H / c) x latency, then ceil(N / c) x latency for the hops, c = 64 (the
limiter's maximum and the connections per host; portal and STS are one host here).
"""

import math
import time

from sandbox import Sandbox
from tools import BenchmarkError, Measurement

CONCURRENCY = 64


class ChainSandbox(Sandbox):
    """A Sandbox whose config is `hubs` SSO hub profiles and `chained` profiles assuming roles from them."""

    def __init__(self, root, emulator, hubs, chained, name):
        super().__init__(root, emulator, 0, 1, name)
        portal = emulator.directory["portals"][0]
        pairs = [(account, role) for account in portal["accounts"] for role in account["roles"]]
        if len(pairs) < chained or len(portal["accounts"]) < hubs:
            raise BenchmarkError(f"the emulator has {len(pairs)} roles, {chained} chained profiles need as many")
        session = portal["name"]
        lines = ["[services emulator]", "sso =", f"  endpoint_url = {emulator.base}", "sso_oidc =",
                 f"  endpoint_url = {emulator.base}", "",
                 f"[sso-session {session}]", f"sso_start_url = {portal['startUrl']}",
                 f"sso_region = {portal['region']}", "sso_registration_scopes = sso:account:access", ""]
        for hub in range(hubs):
            account = portal["accounts"][hub]
            lines += [f"[profile hub{hub}]", f"sso_session = {session}", f"sso_account_id = {account['accountId']}",
                      f"sso_role_name = {account['roles'][0]}", "region = eu-west-1", "services = emulator", ""]
        self.profiles = []
        for index, (account, role) in enumerate(pairs[:chained]):
            name = f"chain{index}-{account['accountName']}-{role}"
            self.profiles.append(name)
            lines += [f"[profile {name}]", f"role_arn = arn:aws:iam::{account['accountId']}:role/{role}",
                      f"source_profile = hub{index % hubs}", "region = eu-west-1", "services = emulator", ""]
        (self.aws / "config").write_text("\n".join(lines))
        self.sts = emulator.base

    def env(self, **extra):
        return super().env(AWS_ENDPOINT_URL_STS=self.sts, **extra)


def floor(hubs, chained, latency_s, concurrency=CONCURRENCY):
    return (math.ceil(hubs / concurrency) + math.ceil(chained / concurrency)) * latency_s


def run(args, tools, emulator, work, log):
    hubs, chained = args.chain_hubs, args.chain_profiles
    latency = args.latency_ms / 1000
    log(f"\n== role chains: {chained} chained profiles on {hubs} SSO hub roles, {args.latency_ms:g} ms per call")
    sandbox = ChainSandbox(work, emulator, hubs, chained, f"chains-h{hubs}-n{chained}")
    tools.login_all(sandbox)  # the portal's token (one PKCE login), cached for every repeat below
    if not sandbox.has_tokens():
        raise BenchmarkError("role chains: no token cached after the first login")

    def warm_run():
        emulator.reset_stats()
        sample = tools.login_all(sandbox)
        stats = emulator.stats()
        sample.extra.update(getRoleCredentials=stats["calls"].get("GetRoleCredentials", 0),
                            assumeRole=stats["calls"].get("AssumeRole", 0), maxInFlight=stats["maxInFlight"])
        return sample

    reps = args.repeats
    ours = []
    for _ in range(reps):
        sandbox.clear_credentials()
        ours.append(warm_run())
    multisso = Measurement(f"multisso login --all ({chained} chained + {hubs} hubs, warm token)", ours)
    last = ours[-1].extra
    log(f"  multisso:            {multisso.seconds:8.3f} s  peak RSS {multisso.max_rss_kib / 1024:.1f} MiB, "
        f"{last['getRoleCredentials']} GetRoleCredentials, {last['assumeRole']} AssumeRole, "
        f"at most {last['maxInFlight']} in flight")

    threaded = []
    for _ in range(min(reps, 3) if not args.quick else 1):
        sandbox.clear_credentials()
        emulator.reset_stats()
        sample = tools.botocore(sandbox, 16)
        stats = emulator.stats()
        sample.extra.update(getRoleCredentials=stats["calls"].get("GetRoleCredentials", 0),
                            assumeRole=stats["calls"].get("AssumeRole", 0))
        threaded.append(sample)
    botocore = Measurement("botocore AssumeRoleProvider, 16 threads", threaded)
    log(f"  botocore 16 threads: {botocore.seconds:8.3f} s  ({threaded[-1].extra['getRoleCredentials']} "
        f"GetRoleCredentials, {threaded[-1].extra['assumeRole']} AssumeRole)")
    if multisso.failed or botocore.failed:
        raise BenchmarkError(f"role chains: multisso failed {multisso.failed}, botocore failed {botocore.failed}")

    floor_s = floor(hubs, chained, latency)
    log(f"  floor: {floor_s:.3f} s; multisso {multisso.seconds / floor_s:.2f}x floor, "
        f"botocore {botocore.seconds / multisso.seconds:.1f}x multisso")
    return {"name": f"chains H={hubs} N={chained}", "hubs": hubs, "chained": chained, "latencyMs": args.latency_ms,
            "concurrency": CONCURRENCY, "floor": floor_s, "multisso": multisso, "botocore": botocore,
            "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def markdown(result):
    m, b, f = result["multisso"], result["botocore"], result["floor"]
    extra = m.samples[-1].extra
    lines = [f"### Role chains: {result['chained']:,} chained profiles on {result['hubs']} hub roles, "
             f"{result['latencyMs']:g} ms per call", "",
             "| tool | seconds (median) | x floor | x multisso | GetRoleCredentials | AssumeRole | peak RSS MiB | runs |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in (m, b):
        e = row.samples[-1].extra
        lines.append(f"| {row.tool} | {row.seconds:.3f} | {row.seconds / f:.2f} | {row.seconds / m.seconds:.1f} | "
                     f"{e['getRoleCredentials']} | {e['assumeRole']} | {row.max_rss_kib / 1024:.0f} | {len(row.samples)} |")
    lines.append(f"| floor: (ceil({result['hubs']}/{result['concurrency']}) + ceil({result['chained']}/"
                 f"{result['concurrency']})) x latency | {f:.3f} | 1.00 | {f / m.seconds:.2f} | | | | |")
    lines += ["", f"Targets: multisso <= 1.3x floor ({m.seconds / f:.2f}: {'met' if m.seconds / f <= 1.3 else 'missed'}); "
              f"botocore 16 threads >= 10x multisso ({b.seconds / m.seconds:.1f}: "
              f"{'met' if b.seconds / m.seconds >= 10 else 'missed'}). multisso had at most "
              f"{extra['maxInFlight']} requests in flight at the emulator.", ""]
    return "\n".join(lines)
