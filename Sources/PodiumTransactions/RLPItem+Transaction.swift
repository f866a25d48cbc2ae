import PodiumPrimitives
import PodiumRLP
import PodiumSigner

// How transaction fields become RLP items (Yellow Paper, 4.2; EIP-2930 for access lists).

extension RLPItem {
    /// An integer of up to 256 bits, minimal big-endian (zero is the empty string).
    static func uint(_ value: UInt256) -> RLPItem {
        let count = 32 - value.leadingZeroBitCount / 8
        return withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { word in
            value.storeBigEndianWord(into: word)
            return .bytes(Array(UnsafeRawBufferPointer(rebasing: word[(32 - count)...])))
        }
    }

    /// `to`: empty for a creation, else the 20 bytes of the address.
    static func to(_ kind: TxKind) -> RLPItem {
        switch kind {
        case .create: .bytes([])
        case .call(let address): .bytes(address.bytes)
        }
    }

    /// yParity, r, s: the last three fields of a typed transaction.
    static func typedSignature(_ signature: Signature) -> [RLPItem] {
        [.uint(UInt64(signature.yParity ? 1 : 0)), .uint(signature.r), .uint(signature.s)]
    }

    /// `[[address, [storageKey, …]], …]`.
    static func accessList(_ list: AccessList) -> RLPItem {
        .list(list.map { .list([.bytes($0.address.bytes), .list($0.storageKeys.map { .bytes($0.bytes) })]) })
    }
}

/// Reads the fields of a decoded transaction list, turning RLP's complaints into errors that name the field.
struct TransactionFields {
    let items: [RLPItem]

    /// The fields of a transaction of `type`, which must number `count`.
    init(_ items: [RLPItem], type: TransactionType, count: Int) throws(TransactionError) {
        guard items.count == count else {
            throw .wrongFieldCount(type, expected: count, actual: items.count)
        }
        self.items = items
    }

    /// Field `index` as a canonical integer of at most `maxByteCount` bytes, big-endian.
    private func uintBytes(_ index: Int, _ field: TransactionField, maxByteCount: Int) throws(TransactionError)
        -> [UInt8]
    {
        do throws(RLPError) {
            return try items[index].uintBytes(maxByteCount: maxByteCount)
        } catch {
            switch error {
            case .leadingZeroInInteger: throw .nonCanonicalInteger(field)
            case .integerTooLarge(let count, let max): throw .integerTooWide(field, byteCount: count, maxByteCount: max)
            default: throw .expectedBytes(field)
            }
        }
    }

    /// Field `index` as a 64-bit integer (nonce, gas, chain id).
    func uint64(_ index: Int, _ field: TransactionField) throws(TransactionError) -> UInt64 {
        try uintBytes(index, field, maxByteCount: 8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Field `index` as a 256-bit integer (amounts, fees, signature values).
    func uint256(_ index: Int, _ field: TransactionField) throws(TransactionError) -> UInt256 {
        UInt256(bigEndianBytes: try uintBytes(index, field, maxByteCount: 32))!
    }

    /// Field `index` as a byte string.
    func bytes(_ index: Int, _ field: TransactionField) throws(TransactionError) -> [UInt8] {
        guard case .bytes(let bytes) = items[index] else { throw .expectedBytes(field) }
        return bytes
    }

    /// Field `index` as `to`: empty for a creation or 20 bytes.
    func to(_ index: Int) throws(TransactionError) -> TxKind {
        let bytes = try bytes(index, .to)
        if bytes.isEmpty { return .create }
        guard let address = try? Address(bytes) else { throw .invalidToLength(bytes.count) }
        return .call(address)
    }

    /// Field `index` as an access list.
    func accessList(_ index: Int) throws(TransactionError) -> AccessList {
        guard case .list(let entries) = items[index] else { throw .expectedList(.accessList) }
        var list: AccessList = []
        list.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() {
            guard case .list(let pair) = entry, pair.count == 2 else {
                throw .invalidAccessList(entry: position, .notAPair)
            }
            guard case .bytes(let addressBytes) = pair[0], let address = try? Address(addressBytes) else {
                throw .invalidAccessList(entry: position, .invalidAddress)
            }
            guard case .list(let keyItems) = pair[1] else {
                throw .invalidAccessList(entry: position, .storageKeysNotAList)
            }
            var keys: [Bytes32] = []
            keys.reserveCapacity(keyItems.count)
            for (keyIndex, keyItem) in keyItems.enumerated() {
                guard case .bytes(let keyBytes) = keyItem, let key = try? Bytes32(keyBytes) else {
                    throw .invalidAccessList(entry: position, .invalidStorageKey(index: keyIndex))
                }
                keys.append(key)
            }
            list.append(AccessListItem(address: address, storageKeys: keys))
        }
        return list
    }

    /// The last three fields of a typed transaction: yParity (0 or 1), r, s.
    func typedSignature(from index: Int) throws(TransactionError) -> Signature {
        let parity = try uint256(index, .yParity)
        guard parity <= 1 else { throw .invalidYParity(parity) }
        return Signature(r: try uint256(index + 1, .r), s: try uint256(index + 2, .s), yParity: parity == 1)
    }
}
