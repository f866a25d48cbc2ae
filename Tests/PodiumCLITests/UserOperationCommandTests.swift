import Foundation
import PodiumTestSupport
import Testing

/// `podium userop hash | sign` and `podium account address | deploy` through the built binary.
@Suite struct UserOperationCommandTests {
    /// viem's published v0.7 vectors: an operation with no paymaster, and the same with one.
    static let operation = #"{"sender":"0x1234567890123456789012345678901234567890","nonce":"0x0","callData":"0x","callGasLimit":"0x69ed75","verificationGasLimit":"0x69ed75","preVerificationGas":"0x69ed75","maxFeePerGas":"0x10f2c","maxPriorityFeePerGas":"0x45","signature":"0x"}"#
    static let withPaymaster = #"{"sender":"0x1234567890123456789012345678901234567890","nonce":"0x0","callData":"0x","callGasLimit":"0x69ed75","verificationGasLimit":"0x69ed75","preVerificationGas":"0x69ed75","maxFeePerGas":"0x10f2c","maxPriorityFeePerGas":"0x45","paymaster":"0x1234567890123456789012345678901234567890","paymasterVerificationGasLimit":"0x69ed75","paymasterPostOpGasLimit":"0x69ed75","paymasterData":"0xdeadbeef","signature":"0x"}"#

    static func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("podium-op-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test(arguments: [
        (operation, "0x1903d62bb5dc75af6fed866aa46d8e80063d9e288aa7f2caad0ff1fcae22e40d"),
        (withPaymaster, "0x265fc1350b3fc016d493f9533354cf1a758c0fb9ddbbfd8b19c987d4e8935eed"),
    ])
    func hashPrintsViemsVectors(json: String, hash: String) async throws {
        let url = try Self.file(json)
        defer { try? FileManager.default.removeItem(at: url) }
        let context = ["--entry-point", "0x1234567890123456789012345678901234567890", "--chain-id", "1"]
        #expect(try await ChainCommandTests.succeed(["userop", "hash", url.path] + context) == hash)
    }

    /// A signed operation carries the owner's EIP-191 signature of its userOpHash, which `wallet verify` accepts.
    @Test func signProducesTheOwnersSignatureOfTheHash() async throws {
        let url = try Self.file(Self.operation)
        defer { try? FileManager.default.removeItem(at: url) }
        let context = ["--entry-point", "0x1234567890123456789012345678901234567890", "--chain-id", "1"]
        let signed = try ChainCommandTests.object(
            try await ChainCommandTests.succeed(["userop", "sign", url.path, "--dev-account", "5"] + context))
        let signature = try #require(signed["signature"] as? String)
        #expect(signature.count == 132)
        let hash = "0x1903d62bb5dc75af6fed866aa46d8e80063d9e288aa7f2caad0ff1fcae22e40d"
        let verified = try await PodiumProcess.run(["wallet", "verify", "--address", ChainCommandTests.account5, hash, signature])
        #expect(verified.status == 0, "\(verified.stderr)")
        // The hash of the signed operation is the unsigned one's: the signature is not part of it.
        let again = try Self.file(String(decoding: try JSONSerialization.data(withJSONObject: signed), as: UTF8.self))
        defer { try? FileManager.default.removeItem(at: again) }
        #expect(try await ChainCommandTests.succeed(["userop", "hash", again.path] + context) == hash)
    }

    /// A malformed operation is one line naming the field; a gas value over 2^120 − 1 is refused before anything.
    @Test func malformedOperationsAreRefusedByField() async throws {
        let context = ["--entry-point", "0x1234567890123456789012345678901234567890", "--chain-id", "1"]
        for (json, field) in [
            (Self.operation.replacingOccurrences(of: #""nonce":"0x0""#, with: #""nonce":"0x00""#), "nonce"),
            (Self.operation.replacingOccurrences(of: #""callGasLimit":"0x69ed75""#, with: #""callGasLimit":"0x1000000000000000000000000000000""#), "callGasLimit"),
            (Self.operation.replacingOccurrences(of: #""signature":"0x""#, with: #""signature":"0x","factory":"0x1234567890123456789012345678901234567890""#), "factory"),
        ] {
            let url = try Self.file(json)
            defer { try? FileManager.default.removeItem(at: url) }
            let result = try await PodiumProcess.run(["userop", "hash", url.path] + context)
            #expect(result.status != 0 && result.stderr.contains(field) && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }
}
