/// Role-chain configs for the differential tests against botocore's `AssumeRoleProvider`: depths 1 to
/// 4, cycles, missing and credential-less sources, profiles mixing SSO, static and role keys, regional
/// and global STS endpoints, and `[services]` overrides.
enum ChainCorpus {
    static let config = """
        [sso-session corp]
        sso_start_url = https://d-1234567890.awsapps.com/start
        sso_region = us-east-1

        [services emu]
        sts =
          endpoint_url = http://127.0.0.1:9911
        sso =
          endpoint_url = http://127.0.0.1:9912

        [profile hub]
        sso_session = corp
        sso_account_id = 111111111111
        sso_role_name = Hub
        region = eu-west-1

        [profile legacy-hub]
        sso_start_url = https://legacy.awsapps.com/start
        sso_region = us-west-2
        sso_account_id = 222222222222
        sso_role_name = Old

        [profile d1]
        role_arn = arn:aws:iam::300000000001:role/D1
        source_profile = hub
        region = eu-central-1

        [profile d2]
        role_arn = arn:aws:iam::300000000002:role/D2
        source_profile = d1
        role_session_name = alice
        external_id = shared-secret-id
        duration_seconds = 900

        [profile d3]
        role_arn = arn:aws:iam::300000000003:role/D3
        source_profile = d2
        region = ap-east-1
        sts_regional_endpoints = legacy

        [profile d4]
        role_arn = arn:aws:iam::300000000004:role/D4
        source_profile = d3
        region = us-west-2
        sts_regional_endpoints = legacy
        duration_seconds =  1_800\u{20}

        [profile from-legacy]
        role_arn = arn:aws:iam::300000000005:role/L
        source_profile = legacy-hub
        region = cn-north-1
        duration_seconds = one hour

        [profile global]
        role_arn = arn:aws:iam::300000000006:role/G
        source_profile = hub
        region = aws-global

        [profile no-region]
        role_arn = arn:aws:iam::300000000006:role/G
        source_profile = hub

        [profile mfa]
        role_arn = arn:aws:iam::300000000007:role/M
        source_profile = hub
        mfa_serial = arn:aws:iam::111111111111:mfa/alice
        region = eu-west-1

        [profile via-services]
        role_arn = arn:aws:iam::300000000008:role/S
        source_profile = d1
        services = emu
        region = eu-north-1

        [profile via-endpoint-url]
        role_arn = arn:aws:iam::300000000009:role/E
        source_profile = hub
        endpoint_url = http://127.0.0.1:9913

        [profile bad-mode]
        role_arn = arn:aws:iam::300000000010:role/B
        source_profile = hub
        sts_regional_endpoints = sometimes

        [profile loop-a]
        role_arn = arn:aws:iam::1:role/A
        source_profile = loop-b

        [profile loop-b]
        role_arn = arn:aws:iam::1:role/B
        source_profile = loop-c

        [profile loop-c]
        role_arn = arn:aws:iam::1:role/C
        source_profile = loop-a

        [profile self-loop]
        role_arn = arn:aws:iam::1:role/Self
        source_profile = self-loop

        [profile self-static]
        role_arn = arn:aws:iam::1:role/SelfStatic
        source_profile = self-static
        aws_access_key_id = AKIDSELFSTATIC
        aws_secret_access_key = not-a-secret

        [profile into-loop]
        role_arn = arn:aws:iam::1:role/Into
        source_profile = loop-b

        [profile missing-source]
        role_arn = arn:aws:iam::1:role/X
        source_profile = nowhere

        [profile no-source]
        role_arn = arn:aws:iam::1:role/X

        [profile both-sources]
        role_arn = arn:aws:iam::1:role/X
        source_profile = hub
        credential_source = Environment

        [profile static]
        aws_access_key_id = AKIDSTATIC
        aws_secret_access_key = not-a-secret
        aws_session_token = not-a-token

        [profile from-static]
        role_arn = arn:aws:iam::1:role/FromStatic
        source_profile = static

        [profile half-static]
        aws_access_key_id = AKIDHALF

        [profile from-half-static]
        role_arn = arn:aws:iam::1:role/X
        source_profile = half-static

        [profile empty]
        region = us-east-1

        [profile from-empty]
        role_arn = arn:aws:iam::1:role/X
        source_profile = empty

        [profile sso-and-static]
        sso_session = corp
        sso_account_id = 444444444444
        sso_role_name = Both
        aws_access_key_id = AKIDIGNORED
        aws_secret_access_key = not-a-secret

        [profile from-sso-and-static]
        role_arn = arn:aws:iam::1:role/FromBoth
        source_profile = sso-and-static

        [profile sso-with-role]
        sso_session = corp
        sso_account_id = 555555555555
        sso_role_name = Shadowed
        role_arn = arn:aws:iam::1:role/Wins
        source_profile = hub

        [profile from-sso-with-role]
        role_arn = arn:aws:iam::1:role/Outer
        source_profile = sso-with-role

        [profile role-static-sso]
        sso_session = corp
        sso_account_id = 666666666666
        sso_role_name = Root
        role_arn = arn:aws:iam::1:role/Ignored
        source_profile = hub
        aws_access_key_id = AKIDIGNORED
        aws_secret_access_key = not-a-secret

        [profile from-role-static-sso]
        role_arn = arn:aws:iam::1:role/Top
        source_profile = role-static-sso

        [profile process]
        credential_process = /bin/false

        [profile from-process]
        role_arn = arn:aws:iam::1:role/P
        source_profile = process

        [profile broken-sso]
        sso_session = nope
        sso_account_id = 1
        sso_role_name = R

        [profile from-broken-sso]
        role_arn = arn:aws:iam::1:role/X
        source_profile = broken-sso

        """

    /// The profiles asked for (the roots too: they must stay plain SSO or static profiles).
    static let profiles = [
        "hub", "legacy-hub", "d1", "d2", "d3", "d4", "from-legacy", "global", "no-region", "mfa", "via-services",
        "via-endpoint-url", "bad-mode", "loop-a", "self-loop", "self-static", "into-loop", "missing-source",
        "no-source",
        "both-sources", "from-static", "from-half-static", "from-empty", "sso-and-static", "from-sso-and-static",
        "sso-with-role", "from-sso-with-role", "role-static-sso", "from-role-static-sso", "from-process",
        "from-broken-sso",
    ]

    /// Environments the corpus is resolved in.
    static let environments: [[String: String]] = [
        [:],
        ["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9914"],
        ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"],
        ["AWS_DEFAULT_REGION": "eu-west-2", "AWS_STS_REGIONAL_ENDPOINTS": "legacy"],
        ["AWS_DEFAULT_REGION": "ap-southeast-3"],
    ]
}
