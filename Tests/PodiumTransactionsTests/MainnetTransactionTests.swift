import PodiumPrimitives
import PodiumSigner
import PodiumTransactions
import Testing

/// A real transaction: Ethereum mainnet's EIP-1559 transaction
/// 0x0ec0b6a2df4d87424e5f6ad2a654e27aaeb7dac20ae9e8385cc09087ad532ee0 (a `setApprovalForAll`), with the fields,
/// signature and signer that reth's `recover_signer_eip1559` test and alloy's encode-decode example give for it.
@Suite struct MainnetTransactionTests {
    static let transaction = EIP1559Transaction(
        chainID: 1, nonce: 0x42, maxPriorityFeePerGas: 0x3b9a_ca00, maxFeePerGas: 0x4_a817_c800, gasLimit: 44386,
        to: .call(try! Address(hex: "0x6069a6c32cf691f5982febae4faf8a6f3ab2f0f6")),
        input: try! Hex.decode("0xa22cb4650000000000000000000000005eee75727d804a2b13038928d36f8b188945a57a"
            + "0000000000000000000000000000000000000000000000000000000000000000"))
    static let signature = Signature(
        r: UInt256(try! Bytes32(hex: "0x840cfc572845f5786e702984c2a582528cad4b49b2a10b9db1be7fca90058565")),
        s: UInt256(try! Bytes32(hex: "0x25e7109ceb98168d95b09b18bbf6b685130e0562f233877d492b94eee0c5b6d1")),
        yParity: false)

    @Test func hashesAndRecoversTheSenderOfAMainnetTransaction() throws {
        let signed = Signed(Self.transaction, signature: Self.signature)
        #expect(signed.hash.description == "0x0ec0b6a2df4d87424e5f6ad2a654e27aaeb7dac20ae9e8385cc09087ad532ee0")
        #expect(try signed.sender() == (try Address(hex: "0xDD6B8b3dC6B7AD97db52F08a275FF4483e024CEa")))
        #expect(try TransactionEnvelope(rawBytes: signed.rawBytes) == .eip1559(signed))
    }
}
