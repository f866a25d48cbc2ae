import PodiumPrimitives

/// JSON-RPC quantities: `0x` and at least one hex digit.
enum HexQuantity {
    /// The value of `text` when it is a quantity below 2^64.
    static func uint64(_ text: String) -> UInt64? {
        guard Hex.hasPrefix(text), text.count > 2, text.count <= 18 else { return nil }
        return UInt64(text.dropFirst(2), radix: 16)
    }

    /// The value of `text` when it is a quantity below 2^256.
    static func uint256(_ text: String) -> UInt256? {
        guard Hex.hasPrefix(text), text.count > 2 else { return nil }
        return try? UInt256(hex: text)
    }
}

/// Reading JSON-RPC's hex encodings out of a decoder, with errors that name the key.
extension KeyedDecodingContainer {
    /// A quantity below 2^64 (block numbers, nonces, gas, indexes).
    func quantity(_ key: Key) throws -> UInt64 {
        try hex(key, "a 0x quantity below 2^64", HexQuantity.uint64)
    }

    func quantityIfPresent(_ key: Key) throws -> UInt64? {
        try isNullOrAbsent(key) ? nil : quantity(key)
    }

    /// A quantity below 2^256 (wei amounts, fees).
    func uint256(_ key: Key) throws -> UInt256 {
        try hex(key, "a 0x quantity below 2^256", HexQuantity.uint256)
    }

    func uint256IfPresent(_ key: Key) throws -> UInt256? {
        try isNullOrAbsent(key) ? nil : uint256(key)
    }

    /// `0x` data of any length.
    func data(_ key: Key) throws -> [UInt8] {
        try hex(key, "0x data") { try? Hex.decode($0, requirePrefix: true) }
    }

    /// 32 bytes of `0x` data: a hash, a topic, a storage word.
    func bytes32(_ key: Key) throws -> Bytes32 {
        try hex(key, "32 bytes of 0x data") { try? Bytes32(hex: $0) }
    }

    func bytes32IfPresent(_ key: Key) throws -> Bytes32? {
        try isNullOrAbsent(key) ? nil : bytes32(key)
    }

    /// An address, in any letter case (nodes send lowercase).
    func address(_ key: Key) throws -> Address {
        try hex(key, "a 20-byte address") { try? Address(hex: $0, checksum: .ignore) }
    }

    func addressIfPresent(_ key: Key) throws -> Address? {
        try isNullOrAbsent(key) ? nil : address(key)
    }

    /// An array of 32-byte values (log topics, a block's transaction hashes).
    func bytes32Array(_ key: Key) throws -> [Bytes32] {
        try hexArray(key, "32 bytes of 0x data") { try? Bytes32(hex: $0) }
    }

    /// An array of quantities below 2^256 (fee history's base fees).
    func uint256Array(_ key: Key) throws -> [UInt256] {
        try hexArray(key, "0x quantities below 2^256", HexQuantity.uint256)
    }

    private func hex<Value>(_ key: Key, _ expected: String, _ parse: (String) -> Value?) throws -> Value {
        let text = try decode(String.self, forKey: key)
        guard let value = parse(text) else { throw mismatch(key, expected, text) }
        return value
    }

    private func hexArray<Value>(_ key: Key, _ expected: String, _ parse: (String) -> Value?) throws -> [Value] {
        try decode([String].self, forKey: key).map { text in
            guard let value = parse(text) else { throw mismatch(key, expected, text) }
            return value
        }
    }

    private func mismatch(_ key: Key, _ expected: String, _ text: String) -> DecodingError {
        .dataCorruptedError(forKey: key, in: self, debugDescription: "expected \(expected), got \(text.prefix(80).debugDescription)")
    }

    private func isNullOrAbsent(_ key: Key) throws -> Bool {
        try !contains(key) || decodeNil(forKey: key)
    }
}
