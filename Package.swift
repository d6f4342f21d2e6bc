// swift-tools-version: 6.2
// multisso: one login per AWS IAM Identity Center portal, credentials for every profile in parallel.

import PackageDescription

/// One set of settings for every target: Swift 6 language mode, strict concurrency, upcoming features.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "multisso",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SessionActors", targets: ["SessionActors"]),
        .library(name: "ParallelExec", targets: ["ParallelExec"]),
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
        .library(name: "ConfigureProfiles", targets: ["ConfigureProfiles"]),
        .library(name: "SSOEmulator", targets: ["SSOEmulator"]),
        .executable(name: "multisso", targets: ["multisso"]),
        .executable(name: "sso-emulator", targets: ["sso-emulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.0"),
    ],
    // The layers, lowest first; each target depends only on targets on the lines above it:
    //   FailureKinds                  what kind of failure an error is (every error type adopts it)
    //   GlobalExecutorHook (C)        the Swift runtime's global-executor hook, for SSOWire's event loops
    //   FileStore, AWSFormats         files written as the AWS CLI writes them; its JSON and timestamps
    //   SSOConfig (FileStore)   SSOCache (FileStore, AWSFormats)   SSOWire (AWSFormats)   ParallelExec (AWSFormats)
    //   SessionActors (SSOConfig, SSOCache, SSOWire, ParallelExec): the library
    //   TerminalUI (SessionActors)   CredentialServer (SessionActors)
    //   ConfigureProfiles (SessionActors, TerminalUI)
    //   multisso (all of the above)   SSOEmulator, sso-emulator (never linked into multisso)
    targets: [
        // What kind of failure an error is (configuration, login, service, cache, …): each error type says
        // its own, and each kind has one exit status (FailureKind.exitStatus).
        .target(name: "FailureKinds", swiftSettings: swiftSettings),
        // The Swift runtime's global-executor hook, set from C by name (a static binary exports nothing
        // for `dlsym`): SSOWire's `EventLoopGlobalExecutor` runs tasks on the HTTP client's event loops.
        .target(name: "GlobalExecutorHook"),
        // Writing files as the AWS CLI does (atomic replace, owner-only permissions, abandoned temporaries)
        // and the injected environment (HOME, AWS_* variables, the file locations they give).
        .target(name: "FileStore", dependencies: ["FailureKinds"], swiftSettings: swiftSettings),
        // The text the AWS CLI v2 writes: Python's `json.dumps` (ASCII-only, key order kept or sorted) and
        // UTC timestamps (`YYYY-MM-DDTHH:MM:SSZ`, and every RFC 3339 form read back).
        .target(name: "AWSFormats", swiftSettings: swiftSettings),
        // ~/.aws/config: lossless INI document (reading and editing), profile and sso-session resolution.
        .target(name: "SSOConfig", dependencies: ["FileStore"], swiftSettings: swiftSettings),
        // ~/.aws/sso/cache and ~/.aws/cli/cache in the AWS CLI v2 formats; cross-process locks.
        .target(
            name: "SSOCache",
            dependencies: ["FileStore", "AWSFormats"],
            swiftSettings: swiftSettings
        ),
        // The HTTP seam and the OIDC and portal clients (rest-json, AWS error decoding, retries); the
        // production transport runs on SwiftNIO (AsyncHTTPClient).
        .target(
            name: "SSOWire",
            dependencies: [
                "AWSFormats", "FailureKinds", "GlobalExecutorHook",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // The Foundation URLSession transport, the alternative to the production one: its own target so
        // that the multisso binary does not load FoundationNetworking and libcurl's libraries at start-up.
        .target(name: "SSOWireURLSession", dependencies: ["SSOWire"], swiftSettings: swiftSettings),
        // Running one command per profile in parallel: posix_spawn, process groups, labelled output,
        // signal forwarding, the credential environment of a child. Depends only on the lowest layers.
        .target(
            name: "ParallelExec", dependencies: ["AWSFormats", "FailureKinds", "FileStore"],
            swiftSettings: swiftSettings),
        // The library: actors that own portal tokens and role credentials, login flows, warm-up, selection.
        .target(
            name: "SessionActors",
            dependencies: [
                "FileStore", "SSOConfig", "SSOCache", "SSOWire", "ParallelExec",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The terminal UI: raw mode, key decoding, prompts, the choice list and the profile picker.
        .target(name: "TerminalUI", dependencies: ["SessionActors"], swiftSettings: swiftSettings),
        // `configure` and `configure generate`: the wizard, profile names, the plan and its diff.
        .target(
            name: "ConfigureProfiles", dependencies: ["SessionActors", "TerminalUI"], swiftSettings: swiftSettings),
        // The credential server: the container credentials protocol (and optionally IMDSv2) on loopback,
        // answered from the library's actors; SwiftNIO directly, no server framework in the binary.
        .target(
            name: "CredentialServer",
            dependencies: [
                "SessionActors",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line: parse, call SessionActors, render.
        .executableTarget(
            name: "multisso",
            dependencies: [
                "SessionActors",
                "SSOWire",
                "TerminalUI",
                "ConfigureProfiles",
                "CredentialServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            // Release builds (the installed and benchmarked binaries) are position-dependent: a PIE of
            // the static build has ~120,000 relative relocations, which the loader applies on every
            // start by writing to ~330 pages, a third of `credential-process`'s time from a warm cache.
            // They export no symbols either: the static Swift runtime links with `-export-dynamic`, which
            // put our 33,000 symbols in the dynamic table, and its start-up `dladdr` (finding the
            // runtime's own path) walks that table entry by entry: 14% of a warm `credential-process`.
            linkerSettings: [
                .unsafeFlags(
                    ["-Xlinker", "-no-pie", "-Xlinker", "--no-export-dynamic"],
                    .when(platforms: [.linux], configuration: .release))
            ]
        ),
        // The IAM Identity Center emulator (never linked into multisso).
        .target(
            name: "SSOEmulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sso-emulator",
            dependencies: [
                "SSOEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // What every test target shares: sandbox HOMEs and their configs, temporary folders, the child-process
        // runner, the built binaries, the conformance venv's Python, emulator shapes.
        .target(
            name: "TestSupport",
            dependencies: ["SSOEmulator", "SSOWire"],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ConfigTests", dependencies: ["SSOConfig", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CacheTests",
            dependencies: [
                "SSOCache", "SSOConfig", "AWSFormats", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WireTests",
            dependencies: [
                "SSOWire", "SSOWireURLSession", "SessionActors", "SSOEmulator", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EmulatorTests",
            dependencies: ["SSOEmulator", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConcurrencyTests",
            dependencies: ["SessionActors", "TerminalUI", "SSOEmulator", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ExecTests", dependencies: ["ParallelExec", "SessionActors", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TerminalUITests", dependencies: ["TerminalUI", "SessionActors", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConfigureTests",
            dependencies: ["ConfigureProfiles", "SessionActors", "SSOEmulator", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReliabilityTests",
            dependencies: ["SessionActors", "SSOEmulator", "SSOConfig", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "CredentialServer", "SessionActors", "SSOEmulator", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["SSOEmulator", "SSOConfig", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
