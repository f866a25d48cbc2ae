import PodiumPrimitives

/// One entry of an EIP-2930 access list: an account and the storage slots the transaction will touch, made warm
/// in advance.
public struct AccessListItem: Hashable, Sendable {
    /// The account.
    public var address: Address
    /// Its storage slots.
    public var storageKeys: [Bytes32]

    /// An entry for `address` and its `storageKeys`.
    public init(address: Address, storageKeys: [Bytes32] = []) {
        (self.address, self.storageKeys) = (address, storageKeys)
    }
}

/// An EIP-2930 access list.
public typealias AccessList = [AccessListItem]

extension AccessListItem: Codable {
    private enum CodingKeys: String, CodingKey { case address, storageKeys }

    /// Decodes the JSON-RPC form `{"address": "0x…", "storageKeys": ["0x…", …]}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        address = try container.decode(Address.self, forKey: .address)
        var keys = try container.nestedUnkeyedContainer(forKey: .storageKeys)
        storageKeys = []
        while !keys.isAtEnd {
            let text = try keys.decode(String.self)
            do {
                storageKeys.append(try Bytes32(hex: text))
            } catch {
                throw DecodingError.dataCorruptedError(in: keys, debugDescription: "storage key: \(error)")
            }
        }
    }

    /// Encodes the JSON-RPC form, storage keys as `0x` and 64 lowercase hex digits.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address, forKey: .address)
        try container.encode(storageKeys.map(\.description), forKey: .storageKeys)
    }
}
