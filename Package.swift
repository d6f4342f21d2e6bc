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
    targets: [
        // ~/.aws/config: lossless INI document, profile and sso-session resolution, the injected environment.
        .target(name: "SSOConfig", swiftSettings: swiftSettings),
        // ~/.aws/sso/cache and ~/.aws/cli/cache in the AWS CLI v2 formats; atomic writes; cross-process locks.
        .target(
            name: "SSOCache",
            dependencies: ["SSOConfig", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The HTTP seam and the OIDC and portal clients (rest-json, AWS error decoding, retries); the
        // production transport runs on SwiftNIO (AsyncHTTPClient).
        .target(
            name: "SSOWire",
            dependencies: [
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
        // The library: actors that own portal tokens and role credentials, login flows, warm-up, exec.
        .target(
            name: "SessionActors",
            dependencies: [
                "SSOConfig", "SSOCache", "SSOWire",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
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
                "CredentialServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
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
            dependencies: ["SSOEmulator"],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ConfigTests", dependencies: ["SSOConfig", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CacheTests", dependencies: ["SSOCache", "SSOConfig", "TestSupport"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WireTests",
            dependencies: ["SSOWire", "SSOWireURLSession", "SessionActors", "SSOEmulator", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EmulatorTests",
            dependencies: ["SSOEmulator", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConcurrencyTests",
            dependencies: ["SessionActors", "SSOEmulator", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ExecTests", dependencies: ["SessionActors", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ConfigureTests",
            dependencies: ["SessionActors", "SSOEmulator", "TestSupport"],
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
