import PodiumPrimitives
import PodiumSigner
import PodiumTestSupport
import PodiumTransactions

/// Random transaction fields for differential tests, biased towards the edges of each field's range.
extension SeededGenerator {
    /// An integer of a random byte width up to `maxByteCount`: zero, small values, all-ones and full widths occur.
    mutating func uint256(maxByteCount: Int = 32) -> UInt256 {
        switch Int.random(in: 0..<8, using: &self) {
        case 0: return 0
        case 1: return UInt256(UInt64.random(in: 1...0x80, using: &self))
        case 2: return UInt256(bigEndianBytes: [UInt8](repeating: 0xff, count: maxByteCount))!
        default:
            let count = Int.random(in: 1...maxByteCount, using: &self)
            return UInt256(bigEndianBytes: bytes(count))!
        }
    }

    mutating func uint64() -> UInt64 {
        UInt64(uint256(maxByteCount: 8).description)!
    }

    mutating func to() -> TxKind {
        Int.random(in: 0..<6, using: &self) == 0 ? .create : .call(try! Address(bytes(20)))
    }

    mutating func input() -> [UInt8] {
        let counts = [0, 1, 1, 4, 36, 55, 56, 100, 1024]
        let count = counts.randomElement(using: &self)!
        return count == 1 ? [UInt8.random(in: 0...0x81, using: &self)] : bytes(count)
    }

    mutating func accessList() -> AccessList {
        (0..<[0, 0, 1, 2, 3].randomElement(using: &self)!).map { _ in
            AccessListItem(address: try! Address(bytes(20)),
                           storageKeys: (0..<Int.random(in: 0...3, using: &self)).map { _ in try! Bytes32(bytes(32)) })
        }
    }

    mutating func legacy() -> LegacyTransaction {
        LegacyTransaction(chainID: Int.random(in: 0..<5, using: &self) == 0 ? nil : uint64(), nonce: uint64(),
                          gasPrice: uint256(), gasLimit: uint64(), to: to(), value: uint256(), input: input())
    }

    mutating func eip2930() -> EIP2930Transaction {
        EIP2930Transaction(chainID: uint64(), nonce: uint64(), gasPrice: uint256(), gasLimit: uint64(), to: to(),
                           value: uint256(), input: input(), accessList: accessList())
    }

    mutating func eip1559() -> EIP1559Transaction {
        EIP1559Transaction(chainID: uint64(), nonce: uint64(), maxPriorityFeePerGas: uint256(),
                           maxFeePerGas: uint256(), gasLimit: uint64(), to: to(), value: uint256(), input: input(),
                           accessList: accessList())
    }

    /// A random valid private key.
    mutating func privateKey() -> PrivateKey {
        while true {
            if let key = try? PrivateKey(bytes(32)) { return key }
        }
    }
}
