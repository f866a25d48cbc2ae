// swift-tools-version: 6.1
// attaswift/BigInt's BigUInt doing the work of Podium's uint256 figures, for bench/compare.
import PackageDescription

let package = Package(
    name: "uint256_bigint",
    dependencies: [.package(url: "https://github.com/attaswift/BigInt", from: "6.0.1")],
    targets: [
        .executableTarget(name: "uint256_bigint", dependencies: [.product(name: "BigInt", package: "BigInt")]),
    ]
)
