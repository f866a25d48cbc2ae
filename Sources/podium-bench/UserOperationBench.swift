import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumSigner

// The `userop` suite: a sponsored Game Pass purchase as a v0.7 user operation, no network. Each call takes the
// next nonce, so no work repeats:
//
// - userop/pack-hash: UserOperation → PackedUserOperation → userOpHash.
// - userop/build-hash-sign: the same, then the SimpleAccount signature (EIP-191 of the hash, secp256k1, r‖s‖v) set
//   on the operation.
//
// bench/peers/userop_ethaccount.py does the same with eth-abi, pycryptodome's Keccak and eth-account.

/// userop/pack-hash and userop/build-hash-sign, in operations per second.
func userOperationFigures() -> [Figure] {
    let key = try! PrivateKey(hex: "0x4646464646464646464646464646464646464646464646464646464646464646")
    let entryPoint = EntryPoint.canonicalV07
    let sale = try! Address(hex: "0x5FbDB2315678afecb367f032d93F642f64180aa3")
    let buy = SimpleAccount.execute(AccountCall(to: sale, input: [0x4a, 0x2c, 0x0e, 0x7e]))
    var operation = UserOperation(
        sender: try! Address(hex: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), nonce: 0, callData: buy,
        callGasLimit: 120_000, verificationGasLimit: 150_000, preVerificationGas: 48_000,
        maxFeePerGas: 30_000_000_000, maxPriorityFeePerGas: 1_000_000_000,
        paymaster: UserOperation.Paymaster(
            address: try! Address(hex: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"), verificationGasLimit: 60_000,
            postOpGasLimit: 0, data: try! VerifyingPaymasterData.stub(validUntil: 2_000_000_000, validAfter: 0).bytes))

    let hashNs = nanosecondsPerCall {
        operation.nonce &+= 1
        blackHole(try! operation.packed().hash(entryPoint: entryPoint, chainID: 31337))
    }
    let signNs = nanosecondsPerCall {
        operation.nonce &+= 1
        let hash = try! operation.packed().hash(entryPoint: entryPoint, chainID: 31337)
        operation.signature = SimpleAccount.signature(for: hash, with: key)
        blackHole(operation)
    }
    return [
        Figure(name: "userop/pack-hash", value: 1e9 / hashNs, unit: "ops/s"),
        Figure(name: "userop/build-hash-sign", value: 1e9 / signNs, unit: "ops/s"),
    ]
}
