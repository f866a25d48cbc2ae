import Foundation
import PodiumTestSupport
import Testing

/// cast's conversions (to-hex, to-dec, to-base, to-uint256, to-int256, to-bytes32, pad, max-uint, max-int,
/// min-int, to-wei, from-wei) through the built binary, against Python's integers (Tests/oracles/integers.py).
@Suite struct ConversionCommandTests {
    struct Answer: Decodable {
        let base: String
        let uint256: String?
        let int256: String?
    }

    /// Values at the edges of every width, in all four notations, and negative ones.
    static let values: [String] = [
        "0", "1", "255", "0xff", "0o777", "0b101", "-1", "-0x80", "-128",
        "57896044618658097711785492504343953926634992332820282019728792003956564819967",  // 2^255 - 1
        "-57896044618658097711785492504343953926634992332820282019728792003956564819968",  // -2^255
        "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",  // 2^256 - 1
        "18446744073709551616",  // 2^64
    ]

    @Test func integersConvertAsPythonComputesThem() async throws {
        let bases = [16, 10, 2, 8, 36, 7]
        let requests = Self.values.flatMap { value in bases.map { [value, String($0)] } }
        let answers = try await PythonOracle.call("integers", requests, as: [Answer].self)
        try #require(answers.count == requests.count)
        for (request, answer) in zip(requests, answers) {
            let (value, base) = (request[0], request[1])
            #expect(try await Self.output(["to-base", value, base]) == answer.base, "to-base \(value) \(base)")
            if base == "16" { #expect(try await Self.output(["to-hex", value]) == answer.base, "to-hex \(value)") }
            guard base == "10" else { continue }
            #expect(try await Self.output(["to-dec", value]) == answer.base, "to-dec \(value)")
            let uint = try await PodiumProcess.run(["to-uint256", value])
            #expect(answer.uint256.map { $0 + "\n" } ?? "" == uint.stdout, "to-uint256 \(value): \(uint.stderr)")
            let int = try await PodiumProcess.run(["to-int256", value])
            #expect(answer.int256.map { $0 + "\n" } ?? "" == int.stdout, "to-int256 \(value): \(int.stderr)")
        }
        #expect(try await PodiumProcess.run(["to-uint256", "-1"]).stderr == "podium: negative values are not allowed here: a uint256 is at least 0\n")
    }

    @Test func boundsPaddingAndUnits() async throws {
        // The bounds, as Python's 2**n - 1 and -(2**(n-1)) give them.
        let bounds = try await PythonOracle.call("integers", [["255", "10"], ["127", "10"], ["-128", "10"]], as: [Answer].self)
        #expect(try await Self.output(["max-uint", "uint8"]) == bounds[0].base)
        #expect(try await Self.output(["max-int", "int8"]) == bounds[1].base)
        #expect(try await Self.output(["min-int", "int8"]) == bounds[2].base)
        #expect(try await Self.output(["max-uint"]) == "115792089237316195423570985008687907853269984665640564039457584007913129639935")
        #expect(try await Self.output(["min-int"]) == "-57896044618658097711785492504343953926634992332820282019728792003956564819968")
        #expect(try await PodiumProcess.run(["max-int", "uint8"]).status != 0)

        #expect(try await Self.output(["to-bytes32", "0x1234"]) == "0x1234" + String(repeating: "0", count: 60))
        #expect(try await Self.output(["pad", "0x1234", "--len", "4"]) == "0x00001234")
        #expect(try await Self.output(["pad", "1234", "--len", "4", "--right"]) == "0x12340000")
        #expect(try await PodiumProcess.run(["pad", "0x123456", "--len", "2"]).status != 0)

        #expect(try await Self.output(["to-wei", "1.5"]) == "1500000000000000000")
        #expect(try await Self.output(["to-wei", "2", "gwei"]) == "2000000000")
        #expect(try await Self.output(["from-wei", "1500000000000000000"]) == "1.5")
        // A negative value is refused as such, not taken for an option.
        let negative = try await PodiumProcess.run(["parse-units", "-1"])
        #expect(negative.status != 0 && negative.stderr == "podium: invalid amount \"-1\": amount cannot be negative\n")
        let nonce = try await PodiumProcess.run([
            "mktx", ChainCommandTests.account1, "--nonce", "-1", "--chain-id", "1", "--gas-limit", "21000",
            "--gas-price", "1", "--legacy", "--private-key", ChainCommandTests.key0,
        ])
        #expect(nonce.status != 0 && nonce.stderr.contains("invalid nonce \"-1\""), "\(nonce.stderr)")
    }

    static func output(_ arguments: [String]) async throws -> String {
        try await ChainCommandTests.succeed(arguments)
    }
}
