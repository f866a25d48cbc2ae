// swift-tools-version: 6.1
import PackageDescription

/// A C library found through pkg-config, whose Debian package the build names when it is missing.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt([apt])])
}

let package = Package(
    name: "Podium",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PodiumPrimitives", targets: ["PodiumPrimitives"]),
        .library(name: "PodiumRLP", targets: ["PodiumRLP"]),
        .library(name: "PodiumABI", targets: ["PodiumABI"]),
        .library(name: "PodiumSigner", targets: ["PodiumSigner"]),
        .library(name: "PodiumEIP712", targets: ["PodiumEIP712"]),
        .library(name: "PodiumSIWE", targets: ["PodiumSIWE"]),
        .library(name: "PodiumTransactions", targets: ["PodiumTransactions"]),
        .library(name: "PodiumAccountAbstraction", targets: ["PodiumAccountAbstraction"]),
        .library(name: "PodiumRPC", targets: ["PodiumRPC"]),
        .library(name: "PodiumProvider", targets: ["PodiumProvider"]),
        .library(name: "PodiumContracts", targets: ["PodiumContracts"]),
        .library(name: "PodiumIndexer", targets: ["PodiumIndexer"]),
        .library(name: "PodiumUserOperations", targets: ["PodiumUserOperations"]),
        .library(name: "PodiumServices", targets: ["PodiumServices"]),
        .library(name: "PodiumSponsor", targets: ["PodiumSponsor"]),
        .library(name: "PodiumBundler", targets: ["PodiumBundler"]),
        .library(name: "PodiumLedger", targets: ["PodiumLedger"]),
        .library(name: "PodiumLedgerStore", targets: ["PodiumLedgerStore"]),
        .library(name: "PodiumSettlement", targets: ["PodiumSettlement"]),
        .library(name: "PodiumReports", targets: ["PodiumReports"]),
        .library(name: "PodiumCLI", targets: ["PodiumCLI"]),
        .executable(name: "podium", targets: ["podium"]),
        .executable(name: "podium-bench", targets: ["podium-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // C libraries from Debian (see scripts/setup for the packages).
        systemLibrary("CGMP", pkgConfig: "gmp", apt: "libgmp-dev"),
        systemLibrary("CSecp256k1", pkgConfig: "libsecp256k1", apt: "libsecp256k1-dev"),
        systemLibrary("CCurl", pkgConfig: "libcurl", apt: "libcurl4-openssl-dev"),

        // Libraries, lowest layer first.
        .target(name: "PodiumPrimitives", dependencies: ["CGMP"]),
        .target(name: "PodiumRLP", dependencies: ["PodiumPrimitives"]),
        .target(name: "PodiumABI", dependencies: ["PodiumPrimitives"]),
        .target(
            name: "PodiumSigner",
            dependencies: [
                "PodiumPrimitives", "CSecp256k1",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(name: "PodiumEIP712", dependencies: ["PodiumPrimitives", "PodiumABI", "PodiumSigner"]),
        .target(name: "PodiumSIWE", dependencies: ["PodiumPrimitives", "PodiumSigner"]),
        .target(name: "PodiumTransactions", dependencies: ["PodiumSigner", "PodiumRLP"]),
        .target(name: "PodiumAccountAbstraction", dependencies: ["PodiumPrimitives", "PodiumABI", "PodiumSigner"]),
        .target(name: "PodiumRPC", dependencies: ["PodiumPrimitives", "CCurl"]),
        .target(
            name: "PodiumProvider",
            dependencies: ["PodiumPrimitives", "PodiumABI", "PodiumSigner", "PodiumTransactions", "PodiumRPC"]
        ),
        .target(
            name: "PodiumContracts",
            dependencies: ["PodiumPrimitives", "PodiumRLP", "PodiumABI", "PodiumRPC", "PodiumProvider"]
        ),
        .target(
            name: "PodiumIndexer",
            dependencies: [
                "PodiumPrimitives", "PodiumABI", "PodiumAccountAbstraction", "PodiumRPC", "PodiumContracts",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"), .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "PodiumUserOperations",
            dependencies: [
                "PodiumPrimitives", "PodiumABI", "PodiumSigner", "PodiumAccountAbstraction", "PodiumRPC", "PodiumProvider",
                "PodiumContracts",
            ]
        ),
        .target(
            name: "PodiumServices",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(
            name: "PodiumBundler",
            dependencies: [
                "PodiumPrimitives", "PodiumABI", "PodiumAccountAbstraction", "PodiumRPC", "PodiumProvider",
                "PodiumContracts", "PodiumUserOperations", "PodiumServices",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(
            name: "PodiumSponsor",
            dependencies: [
                "PodiumPrimitives", "PodiumABI", "PodiumSigner", "PodiumAccountAbstraction",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(name: "PodiumLedger", dependencies: ["PodiumPrimitives"]),
        .target(
            name: "PodiumLedgerStore",
            dependencies: ["PodiumPrimitives", "PodiumLedger", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "PodiumReports", dependencies: ["PodiumPrimitives", "PodiumLedger"]),
        .target(
            name: "PodiumSettlement",
            dependencies: [
                "PodiumPrimitives", "PodiumAccountAbstraction", "PodiumRPC", "PodiumProvider", "PodiumContracts", "PodiumIndexer",
                "PodiumUserOperations", "PodiumLedger", "PodiumLedgerStore",
            ]
        ),
        .target(
            name: "PodiumCLI",
            dependencies: [
                "PodiumPrimitives", "PodiumRLP", "PodiumABI", "PodiumSigner", "PodiumEIP712", "PodiumSIWE",
                "PodiumTransactions", "PodiumRPC", "PodiumProvider", "PodiumContracts", "PodiumAccountAbstraction",
                "PodiumUserOperations", "PodiumSponsor", "PodiumBundler", "PodiumIndexer", "PodiumServices",
                "PodiumLedger", "PodiumLedgerStore", "PodiumSettlement", "PodiumReports", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Executables.
        .executableTarget(name: "podium", dependencies: ["PodiumCLI"]),
        .executableTarget(
            name: "podium-bench",
            dependencies: [
                "PodiumPrimitives", "PodiumABI", "PodiumSigner", "PodiumTransactions", "PodiumAccountAbstraction",
                "PodiumRPC", "PodiumProvider", "PodiumContracts", "PodiumIndexer",
            ]
        ),

        // Tests.
        .target(name: "PodiumTestSupport", dependencies: ["PodiumPrimitives", "PodiumRPC"], path: "Tests/PodiumTestSupport"),
        .testTarget(
            name: "PodiumPrimitivesTests",
            dependencies: [
                "PodiumPrimitives", "PodiumTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "PodiumRLPTests",
            dependencies: ["PodiumPrimitives", "PodiumRLP", "PodiumTestSupport"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "PodiumABITests",
            dependencies: ["PodiumPrimitives", "PodiumABI", "PodiumTestSupport"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "PodiumSignerTests",
            dependencies: ["PodiumPrimitives", "PodiumSigner", "PodiumTestSupport"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "PodiumEIP712Tests",
            dependencies: ["PodiumPrimitives", "PodiumSigner", "PodiumEIP712", "PodiumTestSupport"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "PodiumSIWETests",
            dependencies: ["PodiumPrimitives", "PodiumSigner", "PodiumSIWE", "PodiumTestSupport"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "PodiumTransactionsTests",
            dependencies: ["PodiumPrimitives", "PodiumRLP", "PodiumSigner", "PodiumTransactions", "PodiumTestSupport"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "PodiumAccountAbstractionTests",
            dependencies: [
                "PodiumPrimitives", "PodiumABI", "PodiumSigner", "PodiumAccountAbstraction", "PodiumTestSupport",
            ],
            resources: [.copy("Vectors")]
        ),
        .testTarget(name: "PodiumRPCTests", dependencies: ["PodiumPrimitives", "PodiumRPC", "PodiumTestSupport"]),
        .testTarget(
            name: "PodiumProviderTests",
            dependencies: [
                "PodiumPrimitives", "PodiumABI", "PodiumSigner", "PodiumTransactions", "PodiumRPC", "PodiumProvider",
                "PodiumTestSupport",
            ]
        ),
        .testTarget(
            name: "PodiumContractsTests",
            dependencies: [
                "PodiumPrimitives", "PodiumRLP", "PodiumABI", "PodiumSigner", "PodiumRPC", "PodiumProvider",
                "PodiumContracts", "PodiumTestSupport",
            ]
        ),
        .testTarget(
            name: "PodiumIndexerTests",
            dependencies: [
                "PodiumPrimitives", "PodiumABI", "PodiumSigner", "PodiumRPC", "PodiumProvider", "PodiumContracts",
                "PodiumAccountAbstraction", "PodiumUserOperations", "PodiumIndexer", "PodiumTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "PodiumUserOperationsTests",
            dependencies: [
                "PodiumPrimitives", "PodiumABI", "PodiumSigner", "PodiumRPC", "PodiumProvider", "PodiumContracts", "PodiumAccountAbstraction",
                "PodiumUserOperations", "PodiumTestSupport",
            ]
        ),
        .testTarget(
            name: "PodiumLedgerTests",
            dependencies: ["PodiumPrimitives", "PodiumLedger", "PodiumTestSupport"]
        ),
        .testTarget(
            name: "PodiumLedgerStoreTests",
            dependencies: [
                "PodiumPrimitives", "PodiumLedger", "PodiumLedgerStore", "PodiumTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "PodiumReportsTests",
            dependencies: ["PodiumPrimitives", "PodiumLedger", "PodiumReports", "PodiumTestSupport"]
        ),
        .testTarget(
            name: "PodiumCLITests",
            dependencies: ["PodiumCLI", "PodiumTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "PodiumBundlerTests",
            dependencies: [
                "PodiumPrimitives", "PodiumABI", "PodiumSigner", "PodiumAccountAbstraction", "PodiumRPC", "PodiumProvider",
                "PodiumContracts", "PodiumUserOperations", "PodiumBundler", "PodiumTestSupport",
            ]
        ),
        .testTarget(
            name: "PodiumSponsorTests",
            dependencies: [
                "PodiumPrimitives", "PodiumABI", "PodiumSigner", "PodiumAccountAbstraction", "PodiumRPC",
                "PodiumProvider", "PodiumContracts", "PodiumUserOperations", "PodiumSponsor", "PodiumTestSupport",
            ]
        ),
    ]
)
