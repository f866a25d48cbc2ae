import PodiumPrimitives

/// Reading JSON-RPC's hex encodings out of a decoder, with errors that name the key.
extension KeyedDecodingContainer {
    /// A quantity below 2^64 (block numbers, nonces, gas, indexes).
    func quantity(_ key: Key) throws -> UInt64 {
        try hex(key, "a 0x quantity below 2^64") { text throws(QuantityError) in try Quantity.uint64(text) }
    }

    func quantityIfPresent(_ key: Key) throws -> UInt64? {
        try isNullOrAbsent(key) ? nil : quantity(key)
    }

    /// A quantity below 2^256 (wei amounts, fees).
    func uint256(_ key: Key) throws -> UInt256 {
        try hex(key, "a 0x quantity below 2^256") { text throws(QuantityError) in try Quantity.uint256(text) }
    }

    func uint256IfPresent(_ key: Key) throws -> UInt256? {
        try isNullOrAbsent(key) ? nil : uint256(key)
    }

    /// `0x` data of any length.
    func data(_ key: Key) throws -> [UInt8] {
        try hex(key, "0x data") { text throws(HexError) in try Hex.decode(text, requirePrefix: true) }
    }

    /// 32 bytes of `0x` data: a hash, a topic, a storage word.
    func bytes32(_ key: Key) throws -> Bytes32 {
        try hex(key, "32 bytes of 0x data") { text throws(HexError) in try RPCHex.bytes32(text) }
    }

    func bytes32IfPresent(_ key: Key) throws -> Bytes32? {
        try isNullOrAbsent(key) ? nil : bytes32(key)
    }

    /// An address, in any letter case (nodes send lowercase).
    func address(_ key: Key) throws -> Address {
        try hex(key, "a 20-byte address") { text in try RPCHex.address(text) }
    }

    func addressIfPresent(_ key: Key) throws -> Address? {
        try isNullOrAbsent(key) ? nil : address(key)
    }

    /// An array of 32-byte values (log topics, a block's transaction hashes).
    func bytes32Array(_ key: Key) throws -> [Bytes32] {
        try hexArray(key, "32 bytes of 0x data") { text throws(HexError) in try RPCHex.bytes32(text) }
    }

    /// An array of quantities below 2^256 (fee history's base fees).
    func uint256Array(_ key: Key) throws -> [UInt256] {
        try hexArray(key, "0x quantities below 2^256") { text throws(QuantityError) in try Quantity.uint256(text) }
    }

    private func hex<Value, Failure: Error>(
        _ key: Key, _ expected: String, _ parse: (String) throws(Failure) -> Value
    ) throws -> Value {
        let text = try decode(String.self, forKey: key)
        do { return try parse(text) } catch { throw mismatch(key, expected, text, error) }
    }

    private func hexArray<Value, Failure: Error>(
        _ key: Key, _ expected: String, _ parse: (String) throws(Failure) -> Value
    ) throws -> [Value] {
        try decode([String].self, forKey: key).map { text in
            do { return try parse(text) } catch { throw mismatch(key, expected, text, error) }
        }
    }

    private func mismatch(_ key: Key, _ expected: String, _ text: String, _ error: some Error) -> DecodingError {
        .dataCorruptedError(
            forKey: key, in: self,
            debugDescription: "expected \(expected), got \(text.prefix(80).debugDescription) (\(error))")
    }

    private func isNullOrAbsent(_ key: Key) throws -> Bool {
        try !contains(key) || decodeNil(forKey: key)
    }
}

/// The strict hex forms of JSON-RPC's DATA values that have a fixed size.
enum RPCHex {
    /// 32 bytes written as `0x` and exactly 64 hex digits.
    static func bytes32(_ text: String) throws(HexError) -> Bytes32 {
        try Bytes32(Hex.decode(text, requirePrefix: true))
    }

    /// 20 bytes written as `0x` and exactly 40 hex digits, in any letter case (nodes send lowercase).
    static func address(_ text: String) throws -> Address {
        try Address(Hex.decode(text, requirePrefix: true))
    }
}
