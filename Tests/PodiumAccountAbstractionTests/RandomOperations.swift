import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumTestSupport

/// A packed operation as Tests/oracles/userop.py reads it: numbers as decimal strings, bytes and words as 0x-hex.
struct OracleOperation: Codable, Sendable {
    let sender, nonce, initCode, callData, accountGasLimits, preVerificationGas, gasFees, paymasterAndData,
        signature: String

    init(_ op: PackedUserOperation) {
        (sender, nonce, initCode, callData) =
            (op.sender.description, op.nonce.description, Hex.encode(op.initCode), Hex.encode(op.callData))
        (accountGasLimits, preVerificationGas, gasFees) =
            (op.accountGasLimits.description, op.preVerificationGas.description, op.gasFees.description)
        (paymasterAndData, signature) = (Hex.encode(op.paymasterAndData), Hex.encode(op.signature))
    }
}

/// Random user operations for the differential tests: random lengths and contents, with the edges (empty, zero,
/// maximal values) drawn often.
extension SeededGenerator {
    /// A random value of up to `bits` bits: zero, one, the maximum, or random with a random width.
    mutating func value(bits: Int) -> UInt256 {
        let maximum = UInt256.max >> (256 - bits)
        switch Int.random(in: 0..<6, using: &self) {
        case 0: return .zero
        case 1: return 1
        case 2: return maximum
        default:
            let random = UInt256(limbs: next(), next(), next(), next())
            return random & maximum >> Int.random(in: 0..<bits, using: &self)
        }
    }

    /// `count` random bytes, or all zeros or all 0xff one time in eight each.
    mutating func byteString(_ count: Int) -> [UInt8] {
        switch Int.random(in: 0..<8, using: &self) {
        case 0: [UInt8](repeating: 0, count: count)
        case 1: [UInt8](repeating: 0xff, count: count)
        default: bytes(count)
        }
    }

    /// A byte string of a random length up to `maximum`, empty one time in four.
    mutating func byteString(upTo maximum: Int) -> [UInt8] {
        Int.random(in: 0..<4, using: &self) == 0 ? [] : byteString(Int.random(in: 0...maximum, using: &self))
    }

    mutating func address() -> Address { try! Address(byteString(20)) }

    /// A random unpacked operation: gas values within 2¹²⁰ − 1, with and without factory and paymaster.
    mutating func userOperation() -> UserOperation {
        UserOperation(
            sender: address(), nonce: value(bits: 256),
            factory: Bool.random(using: &self)
                ? UserOperation.Factory(address: address(), data: byteString(upTo: 300)) : nil,
            callData: byteString(upTo: 600), callGasLimit: value(bits: 120), verificationGasLimit: value(bits: 120),
            preVerificationGas: value(bits: 120), maxFeePerGas: value(bits: 120),
            maxPriorityFeePerGas: value(bits: 120),
            paymaster: Bool.random(using: &self)
                ? UserOperation.Paymaster(
                    address: address(), verificationGasLimit: value(bits: 120), postOpGasLimit: value(bits: 120),
                    data: byteString(upTo: 200)) : nil,
            signature: byteString(upTo: 130))
    }

    /// A random packed operation: any words, any byte strings (not necessarily unpackable).
    mutating func packedOperation() -> PackedUserOperation {
        PackedUserOperation(
            sender: address(), nonce: value(bits: 256), initCode: byteString(upTo: 300),
            callData: byteString(upTo: 600),
            accountGasLimits: Bytes32(value(bits: 256)), preVerificationGas: value(bits: 256),
            gasFees: Bytes32(value(bits: 256)), paymasterAndData: byteString(upTo: 200),
            signature: byteString(upTo: 130))
    }
}
