import Foundation
import PodiumPrimitives
import PodiumRLP
import PodiumSigner
import PodiumTransactions
import Testing

/// The example transaction of EIP-155, end to end: signing data and hash, signature, raw bytes, decoding, sender.
@Suite struct EIP155ExampleTests {
    static func example() throws -> [String: String] {
        let url = try #require(Bundle.module.url(forResource: "eip155-example", withExtension: "txt",
                                                  subdirectory: "Vectors"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        return Dictionary(uniqueKeysWithValues: lines.map { line in
            let parts = line.split(separator: " = ")
            return (String(parts[0]), String(parts[1]))
        })
    }

    static func transaction(_ example: [String: String]) throws -> LegacyTransaction {
        func integer(_ name: String) throws -> UInt256 { try UInt256(decimal: try #require(example[name])) }
        return LegacyTransaction(
            chainID: UInt64(try integer("chainId")), nonce: UInt64(try integer("nonce")),
            gasPrice: try integer("gasPrice"), gasLimit: UInt64(try integer("gas")),
            to: .call(try Address(hex: try #require(example["to"]))), value: try integer("value"))
    }

    @Test func signsTheExample() throws {
        let example = try Self.example()
        let transaction = try Self.transaction(example)
        #expect(Hex.encode(transaction.signingPayload()) == example["signingData"])
        #expect(transaction.signingHash.description == example["signingHash"])
        let signed = transaction.signed(with: try PrivateKey(hex: example["key"]!))
        #expect(signed.signature.v(chainID: 1) == (try UInt256(decimal: example["v"]!)))
        #expect(signed.signature.r == (try UInt256(decimal: example["r"]!)))
        #expect(signed.signature.s == (try UInt256(decimal: example["s"]!)))
        #expect(Hex.encode(signed.rawBytes) == example["signedTransaction"])
        #expect(signed.hash == Keccak256.hash(signed.rawBytes))
    }

    @Test func decodesTheExample() throws {
        let example = try Self.example()
        let raw = try Hex.decode(example["signedTransaction"]!)
        let envelope = try TransactionEnvelope(rawBytes: raw)
        guard case .legacy(let signed) = envelope else { return #expect(Bool(false), "decoded \(envelope.type)") }
        #expect(signed.transaction == (try Self.transaction(example)))
        #expect(envelope.rawBytes == raw)
        #expect(envelope.type == .legacy)
        #expect(try envelope.sender() == (try PrivateKey(hex: example["key"]!)).address)
        #expect(try envelope.sender().description == "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F")
        #expect(envelope.hash == Keccak256.hash(raw))
    }

    @Test func preEIP155TransactionsUseV27Or28() throws {
        var transaction = try Self.transaction(try Self.example())
        transaction.chainID = nil
        let key = try PrivateKey(hex: "0x4646464646464646464646464646464646464646464646464646464646464646")
        // Without replay protection the payload is the six fields alone.
        #expect(Hex.encode(transaction.signingPayload())
            == "0xe9098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080")
        let signed = transaction.signed(with: key)
        let decoded = try Signed<LegacyTransaction>(rawBytes: signed.rawBytes)
        #expect(decoded == signed)
        #expect(decoded.transaction.chainID == nil)
        #expect(try decoded.sender() == key.address)
        guard case .list(let fields) = try RLPItem(rlpEncoded: signed.rawBytes) else { return #expect(Bool(false)) }
        #expect(fields[6] == .bytes([signed.signature.v]), "v is 27 or 28")
    }
}
