import PodiumRLP

/// EIP-2718 framing: a typed transaction is its type byte (0x00…0x7f) ‖ an RLP payload; a legacy one is an RLP
/// list, whose first byte is 0xc0 or more.
enum EIP2718 {
    /// The type of raw transaction bytes, from their first byte.
    static func type(of raw: some Collection<UInt8>) throws(TransactionError) -> TransactionType {
        guard let first = raw.first else { throw .emptyInput }
        if first >= 0xc0 { return .legacy }
        guard first <= 0x7f else { throw .notAList(offset: 0) }
        guard let type = TransactionType(rawValue: first), type != .legacy else { throw .unknownType(first) }
        return type
    }

    /// The items of the RLP list that follows the type byte (none for legacy), checked to be a transaction of
    /// `type` and to end where the bytes end.
    static func fields(of raw: some Collection<UInt8>, type: TransactionType) throws(TransactionError) -> [RLPItem] {
        let actual = try self.type(of: raw)
        guard actual == type else { throw .wrongType(expected: type, actual: raw.first!) }
        let headerCount = type == .legacy ? 0 : 1
        let item: RLPItem
        do throws(RLPError) {
            item = try RLPItem(rlpEncoded: raw.dropFirst(headerCount))
        } catch {
            if case .trailingBytes(let offset) = error { throw .trailingBytes(offset: headerCount + offset) }
            throw .malformedRLP(error)
        }
        guard case .list(let items) = item else { throw .notAList(offset: headerCount) }
        return items
    }

    /// `type` ‖ the RLP encoding of `fields` (legacy: the list alone).
    static func encode(_ fields: [RLPItem], type: TransactionType) -> [UInt8] {
        let list = RLPItem.list(fields).rlpEncoded()
        guard type != .legacy else { return list }
        var out = [UInt8]()
        out.reserveCapacity(1 + list.count)
        out.append(type.rawValue)
        out.append(contentsOf: list)
        return out
    }
}
