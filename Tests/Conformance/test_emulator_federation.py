"""The emulator's federation endpoint as third-party console tools call AWS's: role credentials from
botocore's own `sso` client, then getSigninToken the way aws-sso-util sends it (a form-encoded POST)
and the way granted sends it (a GET with the query), and the Action=login URL both build."""

import json
import urllib.parse

from emulator_support import clients, device_login


def role_credentials(emulator):
    oidc, sso = clients(emulator)
    _, token = device_login(emulator, oidc)
    account = emulator.directory()["portals"][0]["accounts"][7]
    role = account["roles"][1]
    response = sso.get_role_credentials(accessToken=token["accessToken"], accountId=account["accountId"], roleName=role)
    return response["roleCredentials"], account["accountId"], role


def session_json(credentials):
    return json.dumps(
        {
            "sessionId": credentials["accessKeyId"],
            "sessionKey": credentials["secretAccessKey"],
            "sessionToken": credentials["sessionToken"],
        }
    )


def login(emulator, token, destination):
    query = urllib.parse.urlencode(
        {"Action": "login", "Issuer": emulator.start_url, "Destination": destination, "SigninToken": token}
    )
    return emulator.request("GET", "/federation?" + query)


def test_form_post_and_get_both_give_single_use_sign_in_tokens(emulator):
    credentials, account_id, role = role_credentials(emulator)
    body = urllib.parse.urlencode(
        {"Action": "getSigninToken", "SessionDuration": "43200", "Session": session_json(credentials)}
    ).encode()
    status, headers, payload = emulator.request(
        "POST", "/federation", body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    posted = json.loads(payload)["SigninToken"]
    query = urllib.parse.urlencode({"Action": "getSigninToken", "Session": session_json(credentials)})
    status, _, payload = emulator.request("GET", "/federation?" + query)
    assert status == 200
    fetched = json.loads(payload)["SigninToken"]
    assert posted != fetched

    destination = "https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1"
    status, headers, _ = login(emulator, posted, destination)
    assert status == 302 and headers["Location"] == destination
    assert login(emulator, posted, destination)[0] == 400
    logins = emulator.admin_get("/_admin/console-logins")
    mine = [entry for entry in logins if entry["identity"].endswith(f"/{account_id}/{role}")]
    assert len(mine) == 1 and mine[0]["sessionDuration"] == 43200 and mine[0]["origin"] == "sso"


def test_refusals_are_400_with_a_message(emulator):
    credentials, _, _ = role_credentials(emulator)
    tampered = dict(credentials, secretAccessKey="x" + credentials["secretAccessKey"][1:])
    for parameters in (
        {"Action": "getSigninToken", "Session": session_json(tampered)},
        {"Action": "getSigninToken", "Session": session_json(credentials), "SessionDuration": "60"},
        {"Action": "getSigninToken", "Session": "{"},
    ):
        status, _, payload = emulator.request("GET", "/federation?" + urllib.parse.urlencode(parameters))
        assert status == 400 and json.loads(payload)["message"]
