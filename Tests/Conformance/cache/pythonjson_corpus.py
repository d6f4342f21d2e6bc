"""Prints values with tricky strings and their json.dumps renderings, for the Swift PythonJSON tests.

Each value is also given as a tagged tree that keeps member order and types exactly:
["s", text] | ["i", "123"] | ["b", true] | ["n"] | ["a", [tree...]] | ["o", [[key, tree]...]].
"""
import json

STRINGS = [
    "",
    "plain",
    "https://d-123.awsapps.com/start#/",
    "".join(chr(c) for c in range(0x00, 0x80)),
    "caf\u00e9 \u20ac \u2028 \u2029 \ufeff \uffff",
    "\U0001F600 \U0001F1EB\U0001F1F7 \U00010000 \U0010FFFF",
    "quote \" backslash \\ slash / tab \t",
    "\u00e9\u0301 combining",
    "sso:account:access",
]

KEYS = ["b", "a", "B", "_", "\u00e9", "\uffff", "\U0001F600", "session_name", "startUrl", "aa", "a\u0000"]


def corpus():
    values = [{"s": s} for s in STRINGS]
    values.append({k: i for i, k in enumerate(KEYS)})
    values.append({"tool": "botocore", "startUrl": STRINGS[2], "region": "us-east-1",
                   "scopes": ["sso:account:access", "\U0001F600"], "session_name": "caf\u00e9"})
    values.append({"tool": "botocore", "startUrl": "u", "region": "r", "scopes": None, "session_name": None})
    values.append({"nested": {"z": [1, -2, True, False, None, [], {}], "a": {"y": "x"}}, "list": [[["deep"]]]})
    values.append({"roleName": "Admin/\u00e9", "accountId": "111122223333", "sessionName": STRINGS[3]})
    return values


def tag(value):
    if isinstance(value, bool):
        return ["b", value]
    if isinstance(value, int):
        return ["i", str(value)]
    if isinstance(value, str):
        return ["s", value]
    if value is None:
        return ["n"]
    if isinstance(value, list):
        return ["a", [tag(v) for v in value]]
    return ["o", [[k, tag(v)] for k, v in value.items()]]


def main():
    out = []
    for value in corpus():
        out.append({
            "tree": tag(value),
            "unsorted": json.dumps(value),
            "sorted": json.dumps(value, sort_keys=True),
            "compact": json.dumps(value, sort_keys=True, separators=(",", ":")),
        })
    print(json.dumps(out))


if __name__ == "__main__":
    main()
