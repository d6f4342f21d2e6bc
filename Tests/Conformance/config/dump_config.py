"""Prints what botocore reads from a config file, as JSON, for multisso's differential tests.

    dump_config.py parse FILE            raw_config_parse + load_config (sections, keys, values)
    dump_config.py resolve FILE NAME...  per profile: SSOProvider's config, and the sso / sso-oidc
                                         endpoint URLs a real client gets (environment as given)

Errors are reported in the JSON (with the configparser line number when there is one), never raised.
"""
import configparser
import json
import sys

import botocore.configloader
import botocore.credentials
import botocore.exceptions
import botocore.session


def dump_value(value):
    if isinstance(value, dict):
        return {"sub": [[k, v] for k, v in value.items()]}
    return {"text": value}


def dump_sections(mapping):
    return [
        {"name": name, "entries": [dict(key=k, **dump_value(v)) for k, v in values.items()]}
        for name, values in mapping.items()
    ]


def error_line(error):
    inner = getattr(error, "kwargs", {}).get("error")
    if isinstance(inner, configparser.ParsingError) and not isinstance(
        inner, configparser.MissingSectionHeaderError
    ):
        return min(lineno for lineno, _ in inner.errors)
    return getattr(inner, "lineno", None)


def parse(path):
    try:
        raw = botocore.configloader.raw_config_parse(path)
        loaded = botocore.configloader.build_profile_map(raw)
    except botocore.exceptions.ConfigParseError as error:
        inner = error.kwargs.get("error")
        return {"ok": False, "error": type(inner).__name__, "line": error_line(error)}
    other = {k: v for k, v in loaded.items() if k not in ("profiles", "sso_sessions", "services")}
    return {
        "ok": True,
        "raw": dump_sections(raw),
        "profiles": dump_sections(loaded["profiles"]),
        "sso_sessions": dump_sections(loaded["sso_sessions"]),
        "services": dump_sections(loaded["services"]),
        "other": dump_sections(other),
    }


def resolve(path, names):
    result = {"profiles": [], "resolved": {}}
    session = botocore.session.Session()
    session.set_config_variable("config_file", path)
    full = session.full_config
    result["profiles"] = dump_sections(full["profiles"])
    result["sso_sessions"] = dump_sections(full.get("sso_sessions", {}))
    for name in names:
        entry = {}
        provider = botocore.credentials.SSOProvider(
            load_config=lambda: full, client_creator=None, profile_name=name
        )
        try:
            entry["sso_config"] = provider._load_sso_config()
        except botocore.exceptions.BotoCoreError as error:
            entry["sso_config_error"] = str(error)
        profile_session = botocore.session.Session(profile=name)
        profile_session.set_config_variable("config_file", path)
        for client_name in ("sso", "sso-oidc"):
            try:
                client = profile_session.create_client(
                    client_name, region_name="us-east-1",
                    aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="not-a-secret",
                )
                entry[client_name] = client.meta.endpoint_url
            except Exception as error:  # noqa: BLE001 - reported, compared by the Swift test
                entry[client_name + "_error"] = f"{type(error).__name__}: {error}"
        result["resolved"][name] = entry
    return result


def main():
    mode, path, *names = sys.argv[1:]
    output = parse(path) if mode == "parse" else resolve(path, names)
    json.dump(output, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
