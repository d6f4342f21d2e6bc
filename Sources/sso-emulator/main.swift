print("sso-emulator")
