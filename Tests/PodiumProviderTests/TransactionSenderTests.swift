import PodiumABI
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumSigner
import PodiumTestSupport
import PodiumTransactions
import Testing

/// The sender and the client's typed results against a real devnet, checked against what the test itself signed.
@Suite struct TransactionSenderTests {
    let devnet: ListeningProcess
    let client: RPCClient

    init() throws {
        devnet = try TestDevnet.start()
        client = try RPCClient(url: devnet.url)
    }

    static let oneEther = UInt256(1_000_000_000_000_000_000)

    @Test func signedTransferRoundTrip() async throws {
        let key = DevnetAccounts.privateKeys[1], recipient = DevnetAccounts.privateKeys[2].address
        let fees = try await client.feeHistory(blockCount: 1, percentiles: [50])
        let transaction = EIP1559Transaction(
            chainID: 31337, nonce: 0, maxPriorityFeePerGas: 1_000_000_000,
            maxFeePerGas: fees.baseFeePerGas.last! * 2 + 1_000_000_000, gasLimit: 21_000, to: .call(recipient),
            value: Self.oneEther, input: [], accessList: [])
        let signed = transaction.signed(with: key)
        let hash = try await client.sendRawTransaction(signed.rawBytes)
        #expect(hash == signed.hash)

        let receipt = try #require(try await client.receipt(hash))
        #expect(receipt.succeeded && receipt.from == key.address && receipt.to == recipient)
        #expect(receipt.gasUsed == 21_000 && receipt.contractAddress == nil && receipt.logs.isEmpty && receipt.type == 2)
        #expect(receipt.logsBloom.count == 256)

        let fetched = try #require(try await client.transaction(hash))
        #expect(fetched.from == key.address && fetched.to == recipient && fetched.value == Self.oneEther)
        #expect(fetched.nonce == 0 && fetched.type == 2 && fetched.chainID == 31337 && fetched.gas == 21_000)
        #expect(fetched.r == UInt256(signed.signature.r) && fetched.s == UInt256(signed.signature.s))
        #expect(fetched.maxFeePerGas == transaction.maxFeePerGas && fetched.blockNumber == receipt.blockNumber)

        let block = try #require(try await client.block(.number(receipt.blockNumber), fullTransactions: true))
        #expect(block.hash == receipt.blockHash && block.transactions == .full([fetched]))
        let byHash = try #require(try await client.block(hash: receipt.blockHash))
        #expect(byHash.number == block.number && byHash.transactions.hashes == [hash])
        #expect(try await client.block(.number(receipt.blockNumber + 100)) == nil)
        #expect(try await client.receipt(Keccak256.hash([1, 2, 3])) == nil)

        let spent = Self.oneEther + UInt256(receipt.gasUsed) * receipt.effectiveGasPrice
        #expect(try await client.balance(of: key.address) == Self.oneEther * 10_000 - spent)
        #expect(try await client.balance(of: recipient) == Self.oneEther * 10_001)
        #expect(try await client.transactionCount(of: key.address) == 1)
    }

    @Test func revertDataIsDecoded() async throws {
        let sender = try await TransactionSender(client: client, signer: DevnetAccounts.privateKeys[3])
        let created = try await sender.sendAndWait(to: nil, input: RevertingContract.initCode)
        let contract = try #require(created.contractAddress)
        #expect(try await client.code(at: contract) == RevertingContract.runtime)

        // eth_call: the node's error carries the revert data, code 3.
        do {
            _ = try await client.call(CallRequest(to: contract, input: [1, 2, 3, 4]))
            Issue.record("the call should revert")
        } catch let error as RPCError {
            guard case .node(let nodeError) = error else { throw error }
            #expect(nodeError.code == 3)
            #expect(nodeError.revertReason() == .error("nope"))
        }
        // A send that would revert is refused at the gas estimate, with the reason.
        await #expect(throws: SendError.self) { _ = try await sender.send(to: contract, input: []) }
        do {
            _ = try await sender.send(to: contract, input: [])
        } catch let error as SendError {
            #expect(error.revertReason == .error("nope"))
        }
        // Forced through with a gas limit, it is mined, fails, and the replay finds the reason.
        do {
            _ = try await sender.sendAndWait(to: contract, input: [], gasLimit: 100_000)
            Issue.record("the transaction should revert")
        } catch let error as SendError {
            guard case .reverted(let receipt, let reason) = error else { throw error }
            #expect(!receipt.succeeded && reason == .error("nope"))
        }
    }

}

/// A contract assembled by hand whose every call reverts with `Error("nope")`.
enum RevertingContract {
    static let revertData: [UInt8] = RevertReason.errorSelector.bytes + (try! ABIEncoder.encode([.string("nope")], as: [.string]))
    /// CODECOPY(0, 12, len); REVERT(0, len); then the revert data.
    static let runtime: [UInt8] = [0x60, UInt8(revertData.count), 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, UInt8(revertData.count), 0x60, 0x00, 0xfd] + revertData
    /// CODECOPY(0, 12, len); RETURN(0, len); then the runtime.
    static let initCode: [UInt8] = [0x60, UInt8(runtime.count), 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, UInt8(runtime.count), 0x60, 0x00, 0xf3] + runtime
}
