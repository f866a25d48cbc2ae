import Foundation
import PodiumTestSupport
import Testing

@Suite struct KeccakCommandTests {
    /// Published digests: the empty string, and the ERC-20 Transfer event topic every explorer shows.
    @Test(arguments: [
        ("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        ("0x", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        ("Transfer(address,address,uint256)", "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"),
        ("transfer(address,uint256)", "0xa9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b"),
    ])
    func printsDigestOfTextOrHexBytes(input: String, digest: String) async throws {
        let result = try await PodiumProcess.run(["keccak", input])
        #expect(result.status == 0)
        #expect(result.stdout == digest + "\n")
    }

    /// Without DATA, or with -, stdin is the data: text or 0x hex as an argument is, and bytes that are not UTF-8
    /// byte for byte (keccak256 of "hello" and of 0xff, as pycryptodome gives them).
    @Test func stdinIsTheDataWhenNoneIsGiven() async throws {
        let hello = "0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8\n"
        #expect(try await PodiumProcess.run(["keccak"], stdin: Data("hello\n".utf8)).stdout == hello)
        #expect(try await PodiumProcess.run(["keccak", "-"], stdin: Data("0x68656c6c6f".utf8)).stdout == hello)
        let ff = "0x8b1a944cf13a9a1c08facb2c9e98623ef3254d2ddb48113885c3e8e97fec8db9\n"
        #expect(try await PodiumProcess.run(["keccak"], stdin: Data([0xff])).stdout == ff)
        #expect(try await PodiumProcess.run(["from-rlp"], stdin: Data("0xc0\n".utf8)).stdout == "[]\n")
        let word = "0x" + String(repeating: "0", count: 62) + "07\n"
        #expect(try await PodiumProcess.run(["decode-abi", "f()(uint256)", "-"], stdin: Data(word.utf8)).stdout == "7\n")
        #expect(try await PodiumProcess.run(["decode-calldata", "f(uint256)"], stdin: Data(("0x26121ff0" + word.dropFirst(2)).utf8)).status != 0)
    }

    @Test func hexInputIsHashedAsBytesNotText() async throws {
        let text = try await PodiumProcess.run(["keccak", "hello"])
        let bytes = try await PodiumProcess.run(["keccak", "0x68656c6c6f"])
        #expect(text.stdout == "0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8\n")
        #expect(bytes.stdout == text.stdout)
    }

    @Test(arguments: [["keccak", "0xzz"], ["keccak", "0xabc"], ["no-such-command"]])
    func badInputIsOneLineOnStderrAndNonZeroExit(arguments: [String]) async throws {
        let result = try await PodiumProcess.run(arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("podium: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }
}
