import Foundation
import PodiumTestSupport
import Testing

/// cast's everyday state and transaction commands through the built binary, on a devnet of their own: every answer
/// checked against the node's own JSON (`podium rpc`, which passes it through), the yellow paper's 21,000 gas of a
/// plain transfer, or a value the test placed with anvil_setCode / anvil_setStorageAt.
@Suite struct StateCommandTests {
    typealias T = ChainCommandTests
    /// Runtime code that returns the word 42 whatever it is called with: PUSH1 42 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN.
    static let returns42 = "0x602a60005260206000f3"
    static let contract = "0x00000000000000000000000000000000000c0de1"

    @Test func readsStateTransactionsAndBlocksAsCastDoes() async throws {
        let devnet = try await TestDevnet.start()
        defer { devnet.stop() }
        let rpc = ["--rpc-url", devnet.url]
        let hash = try await T.succeed(["send", T.account1, "--value", "1ether", "--dev-account", "0", "--async"] + rpc)
        _ = try await T.succeed(["receipt", hash] + rpc)

        #expect(try await T.succeed(["nonce", T.account0] + rpc) == "1")
        // Without --nonce, compute-address takes the next one from the node: account 0's CREATE at nonce 1.
        #expect(try await T.succeed(["compute-address", T.account0] + rpc) == "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512")
        #expect(try await T.succeed(["nonce", T.account0, "--block", "0"] + rpc) == "0")
        #expect(try await T.succeed(["block", "latest", "number"] + rpc) == "1")
        #expect(try await T.succeed(["receipt", hash, "status"] + rpc) == "1")
        #expect(try await T.succeed(["receipt", hash, "gasUsed"] + rpc) == "21000")
        #expect(try await T.succeed(["tx", hash, "value"] + rpc) == "1000000000000000000")
        #expect(try await T.succeed(["tx", hash, "from"] + rpc) == T.account0.lowercased())
        let raw = try T.object(try await T.succeed(["tx", hash] + rpc))
        #expect(raw["hash"] as? String == hash)

        // The block by hash (EIP-1898) for state reads; the block's own fields as the node gives them.
        let blockHash = try await T.succeed(["block", "1", "hash"] + rpc)
        #expect(T.isWord(blockHash))
        #expect(try await T.succeed(["balance", T.account1, "--block", blockHash] + rpc) == "10001000000000000000000")
        #expect(try await T.succeed(["nonce", T.account0, "-b", blockHash] + rpc) == "1")
        let node = try T.object(try await T.succeed(["rpc", "eth_getBlockByNumber", "\"0x1\"", "false"] + rpc))
        #expect(node["hash"] as? String == blockHash)
        #expect(try await T.succeed(["base-fee", "1"] + rpc) == String(T.quantity(node["baseFeePerGas"])!))
        #expect(try await T.succeed(["block", "1", "transactions"] + rpc) == "[\n  \"\(hash)\"\n]")
        let full = try await T.succeed(["block", "1", "--full"] + rpc)
        #expect(full.contains(hash) && full.contains("from \(T.account0) to \(T.account1) value 1000000000000000000 nonce 0"))
        let gasPrice = try await T.succeed(["rpc", "eth_gasPrice"] + rpc)
        #expect(try await T.succeed(["gas-price"] + rpc) == String(T.quantity(String(gasPrice.dropFirst().dropLast()))!))
        #expect(try await T.succeed(["estimate", T.account1, "0x", "--value", "1"] + rpc) == "21000")
        // A bare word that is not JSON is a string, as cast takes it; --raw takes the whole params array.
        #expect(try await T.succeed(["rpc", "eth_getTransactionCount", T.account0, "latest"] + rpc) == "\"0x1\"")
        #expect(try await T.succeed(["rpc", "--raw", "eth_getTransactionCount", "[\"\(T.account0)\", \"0x0\"]"] + rpc) == "\"0x0\"")

        // A contract placed with anvil_setCode, its storage with anvil_setStorageAt.
        _ = try await T.succeed(["rpc", "anvil_setCode", Self.contract, Self.returns42] + rpc)
        _ = try await T.succeed(["rpc", "anvil_setStorageAt", Self.contract, "0x5", "0x" + String(repeating: "0", count: 62) + "2b"] + rpc)
        #expect(try await T.succeed(["storage", Self.contract, "5"] + rpc) == "0x" + String(repeating: "0", count: 62) + "2b")
        #expect(try await T.succeed(["storage", Self.contract, "0x6"] + rpc) == "0x" + String(repeating: "0", count: 64))
        #expect(try await T.succeed(["call", Self.contract, "totalSupply()(uint256)"] + rpc) == "42")
        let word42 = "0x" + String(repeating: "0", count: 62) + "2a"
        #expect(try await T.succeed(["call", Self.contract, "0x18160ddd"] + rpc) == word42)
        #expect(try await T.succeed(["call", Self.contract, "0x18160ddd", "--json"] + rpc) == "\"\(word42)\"")
        #expect(try await T.succeed(["call", Self.contract, "totalSupply()", "--json"] + rpc) == "\"\(word42)\"")
        // The access list of a call that reads slot 5 of the contract placed above (SLOAD after the first PUSH).
        let reader = "0x00000000000000000000000000000000000c0de2"
        _ = try await T.succeed(["rpc", "anvil_setCode", reader, "0x60055450" + "60206000f3"] + rpc)
        let list = try T.object(try await T.succeed(["access-list", reader, "0x", "--from", T.account0] + rpc))
        let entries = try #require(list["accessList"] as? [[String: Any]])
        #expect(entries.count == 1 && entries.first?["address"] as? String == reader)
        #expect(entries.first?["storageKeys"] as? [String] == ["0x" + String(repeating: "0", count: 63) + "5"])
        // 21000, one cold SLOAD (EIP-2929's 2100), three PUSH1, a POP and one word of memory.
        let expectedGas: UInt64 = 21000 + 2100 + 3 * 3 + 2 + 3
        #expect(T.quantity(list["gasUsed"]) == expectedGas)
        // Calling an account without code says so, rather than "data too short".
        let message = try await T.fail(["call", T.account2, "totalSupply()(uint256)"] + rpc)
        #expect(message == "no contract code at \(T.account2) (block 1)", "\(message)")
        #expect(try await T.fail(["block", "latest", "nosuch"] + rpc).contains("no field \"nosuch\""))
        // Data sent to an account without code is sent, with a warning.
        let sent = try await PodiumProcess.run(["send", T.account2, "f()", "--dev-account", "0", "--async"] + rpc)
        #expect(sent.status == 0 && T.isWord(String(sent.stdout.dropLast())))
        #expect(sent.stderr == "podium: warning: \(T.account2) has no contract code; the data is sent to an account\n")
        #expect(try await T.fail(["call", Self.contract, "0x18160ddd", "7"] + rpc).contains("arguments given after raw calldata"))
    }

    @Test func publishSubmitsWhatMktxSigned() async throws {
        let devnet = try await TestDevnet.start()
        defer { devnet.stop() }
        let rpc = ["--rpc-url", devnet.url]
        let raw = try await T.succeed([
            "mktx", T.account1, "--nonce", "0", "--gas-limit", "21000", "--max-fee-per-gas", "10gwei",
            "--priority-gas-price", "1gwei", "--chain-id", "31337", "--value", "5", "--private-key", T.key0,
        ])
        let hash = try await T.succeed(["publish", raw] + rpc)
        #expect(T.isWord(hash))
        let decoded = try T.object(try await T.succeed(["decode-tx", raw, "--json"]))
        #expect(decoded["hash"] as? String == hash)
        // Publishing again is not a failure: the node already has it.
        #expect(try await T.succeed(["publish", raw] + rpc) == hash)
        #expect(try await T.succeed(["receipt", hash, "status"] + rpc) == "1")
        #expect(try await T.succeed(["nonce", T.account0] + rpc) == "1")
        #expect(try await T.fail(["publish", "0x02abcd"] + rpc).contains("cannot decode raw transaction"))

        // send's own fees, nonce and type, read back from the node.
        let legacy = try await PodiumProcess.run(
            ["send", T.account2, "--value", "1", "--legacy", "--gas-price", "3gwei", "--dev-account", "0", "--async"] + rpc)
        let legacyHash = String(legacy.stdout.dropLast())
        #expect(try await T.succeed(["tx", legacyHash, "type"] + rpc) == "0")
        #expect(try await T.succeed(["tx", legacyHash, "gasPrice"] + rpc) == "3000000000")
        #expect(try await T.succeed(["tx", legacyHash, "nonce"] + rpc) == "1")
        let capped = try await PodiumProcess.run([
            "send", T.account2, "--value", "1", "--nonce", "2", "--gas-price", "7gwei", "--priority-gas-price", "2gwei",
            "--gas-limit", "30000", "--dev-account", "0", "--json",
        ] + rpc)
        #expect(capped.status == 0, "\(capped.stderr)")
        let receipt = try T.object(capped.stdout)
        let cappedHash = try #require(receipt["transactionHash"] as? String)
        #expect(capped.stderr == "podium: transaction \(cappedHash) accepted; waiting for its receipt\n")
        #expect(try await T.succeed(["tx", cappedHash, "maxFeePerGas"] + rpc) == "7000000000")
        #expect(try await T.succeed(["tx", cappedHash, "maxPriorityFeePerGas"] + rpc) == "2000000000")
        #expect(try await T.succeed(["tx", cappedHash, "gas"] + rpc) == "30000")
        #expect(try await T.fail(["send", T.account2, "--gas-price", "1gwei", "--priority-gas-price", "2gwei", "--dev-account", "0"] + rpc)
            .contains("above the fee cap"))
        // A creation with constructor arguments: the code, then their encoding.
        let created = try await PodiumProcess.run(
            ["send", "--create", StateCommandTests.returns42, "constructor(uint256)", "5", "--dev-account", "0", "--async"] + rpc)
        let input = try await T.succeed(["tx", String(created.stdout.dropLast()), "input"] + rpc)
        #expect(input == StateCommandTests.returns42 + String(repeating: "0", count: 63) + "5", "\(created.stderr)")
        // More confirmations than an automining chain will give: a progress line once mined, and an end that says
        // the transaction was mined, never that there is no receipt.
        let waited = try await PodiumProcess.run(
            ["send", T.account2, "--value", "1", "--confirmations", "2", "--wait", "2", "--dev-account", "0"] + rpc)
        let lines = waited.stderr.split(separator: "\n")
        #expect(waited.status != 0 && lines.count == 3, "\(waited.stderr)")
        #expect(lines.dropFirst().first?.hasSuffix("1 of 2 confirmations; waiting for more") == true, "\(waited.stderr)")
        #expect(lines.last?.contains("was mined in block") == true && lines.last?.contains("1 of 2 confirmations") == true)
        // The nonce of a mined transaction is refused by the node, and said so.
        #expect(try await T.fail(["send", T.account2, "--value", "1", "--nonce", "0", "--dev-account", "0"] + rpc)
            .contains("was not accepted"))
    }
}
