import PodiumPrimitives
import PodiumSigner
import PodiumTransactions

/// secp256k1/sign (signs/s), secp256k1/recover (recoveries/s) and secp256k1/sign-eip1559-transfer (signed and
/// encoded EIP-1559 transfers per second), each on a fresh hash per call.
func secp256k1Figures() -> [Figure] {
    let key = try! PrivateKey(hex: "0x4646464646464646464646464646464646464646464646464646464646464646")
    var counter: UInt64 = 0
    func nextHash() -> Bytes32 {
        counter &+= 1
        return Bytes32(lanes: counter, 0x5a5a_5a5a, counter &* 0x9E37_79B9_7F4A_7C15, 1)
    }

    let signNs = nanosecondsPerCall { blackHole(key.sign(hash: nextHash())) }

    let signatures = (0..<256).map { _ in let hash = nextHash(); return (hash, key.sign(hash: hash)) }
    var next = 0
    let recoverNs = nanosecondsPerCall {
        let (hash, signature) = signatures[next & 255]
        next &+= 1
        blackHole(try! signature.recoverAddress(hash: hash))
    }

    var transfer = EIP1559Transaction(
        chainID: 31337, nonce: 0, maxPriorityFeePerGas: 1_000_000_000, maxFeePerGas: 30_000_000_000,
        gasLimit: 21_000, to: .call(try! Address(hex: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8")),
        value: 1_000_000_000_000_000_000)
    let transferNs = nanosecondsPerCall {
        blackHole(transfer.signed(with: key).rawBytes)
        transfer.nonce &+= 1
    }

    return [
        Figure(name: "secp256k1/sign", value: 1e9 / signNs, unit: "signs/s"),
        Figure(name: "secp256k1/recover", value: 1e9 / recoverNs, unit: "recoveries/s"),
        Figure(name: "secp256k1/sign-eip1559-transfer", value: 1e9 / transferNs, unit: "tx/s"),
    ]
}
