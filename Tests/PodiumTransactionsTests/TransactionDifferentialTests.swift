import PodiumPrimitives
import PodiumSigner
import PodiumTestSupport
import PodiumTransactions
import Testing

/// Random transactions of each type signed here and by eth-account (Tests/oracles/transactions.py): the same raw
/// bytes, the same hash, the same recovered sender, and decoding gives back what was signed.
@Suite struct TransactionDifferentialTests {
    /// One transaction as the oracle takes it: integers as decimal strings, bytes as 0x-hex.
    struct Case: Encodable {
        let key: String, type: Int, chainId: String?, nonce: String, gas: String
        var gasPrice: String? = nil, maxPriorityFeePerGas: String? = nil, maxFeePerGas: String? = nil
        let to: String?, value: String, input: String
        var accessList: [AccessListItem]? = nil
    }
    struct Request: Encodable { let sign: [Case] }
    struct Answer: Decodable { let sign: [Signed] }
    struct Signed: Decodable { let raw: String, hash: String, sender: String }

    static let count = 300

    @Test func legacyTransactionsMatchEthAccount() async throws {
        var generator = SeededGenerator()
        let pairs = (0..<Self.count).map { _ in (generator.privateKey(), generator.legacy()) }
        let cases = pairs.map { key, tx in
            Case(key: key.revealHex(), type: 0, chainId: tx.chainID.map { "\($0)" }, nonce: "\(tx.nonce)",
                 gas: "\(tx.gasLimit)", gasPrice: tx.gasPrice.description, to: tx.to.address?.description,
                 value: tx.value.description, input: Hex.encode(tx.input))
        }
        try compare(pairs, cases, seed: generator.seed)
    }

    @Test func eip2930TransactionsMatchEthAccount() async throws {
        var generator = SeededGenerator()
        let pairs = (0..<Self.count).map { _ in (generator.privateKey(), generator.eip2930()) }
        let cases = pairs.map { key, tx in
            Case(key: key.revealHex(), type: 1, chainId: "\(tx.chainID)", nonce: "\(tx.nonce)", gas: "\(tx.gasLimit)",
                 gasPrice: tx.gasPrice.description, to: tx.to.address?.description, value: tx.value.description,
                 input: Hex.encode(tx.input), accessList: tx.accessList)
        }
        try compare(pairs, cases, seed: generator.seed)
    }

    @Test func eip1559TransactionsMatchEthAccount() async throws {
        var generator = SeededGenerator()
        let pairs = (0..<Self.count).map { _ in (generator.privateKey(), generator.eip1559()) }
        let cases = pairs.map { key, tx in
            Case(key: key.revealHex(), type: 2, chainId: "\(tx.chainID)", nonce: "\(tx.nonce)", gas: "\(tx.gasLimit)",
                 maxPriorityFeePerGas: tx.maxPriorityFeePerGas.description, maxFeePerGas: tx.maxFeePerGas.description,
                 to: tx.to.address?.description, value: tx.value.description, input: Hex.encode(tx.input),
                 accessList: tx.accessList)
        }
        try compare(pairs, cases, seed: generator.seed)
    }

    /// Signs each transaction here and through the oracle and compares everything both sides can see.
    func compare<T: SignableTransaction>(_ pairs: [(PrivateKey, T)], _ cases: [Case], seed: UInt64) throws {
        let answers = try PythonOracle.call("transactions", Request(sign: cases), as: Answer.self).sign
        #expect(answers.count == pairs.count)
        for (i, ((key, transaction), answer)) in zip(pairs, answers).enumerated() {
            let context: Comment = "\(T.transactionType) case \(i), seed \(seed)"
            let signed = transaction.signed(with: key)
            #expect(Hex.encode(signed.rawBytes) == answer.raw, context)
            #expect(signed.hash.description == answer.hash, context)
            #expect(try signed.sender() == key.address, context)
            #expect(key.address.description == answer.sender, context)

            let decoded = try PodiumTransactions.Signed<T>(rawBytes: Hex.decode(answer.raw))
            #expect(decoded == signed, context)
            let envelope = try TransactionEnvelope(rawBytes: Hex.decode(answer.raw))
            #expect(envelope.type == T.transactionType, context)
            #expect(envelope.hash.description == answer.hash, context)
            #expect(try envelope.sender().description == answer.sender, context)
            #expect(envelope.signature == signed.signature, context)
        }
    }
}
