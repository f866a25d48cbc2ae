import PodiumPrimitives

/// A contract event: its name and parameters, some of them indexed (Solidity ABI spec, "Events").
public struct ABIEvent: Hashable, Sendable {
    /// The event's name.
    public var name: String { didSet { topic0 = Self.topic0(name: name, inputs: inputs) } }
    /// Its parameters in declaration order; the indexed ones go to topics, the others to the data.
    public var inputs: [ABIParameter] { didSet { topic0 = Self.topic0(name: name, inputs: inputs) } }
    /// True when the log has no signature topic: every topic is an indexed parameter.
    public var anonymous: Bool

    /// An event named `name` with these parameters.
    public init(name: String, inputs: [ABIParameter] = [], anonymous: Bool = false) {
        self.name = name
        self.inputs = inputs
        self.anonymous = anonymous
        topic0 = Self.topic0(name: name, inputs: inputs)
    }

    /// The canonical signature, `Transfer(address,address,uint256)` (indexing is not part of it).
    public var signature: String { name + inputs.canonicalList }

    /// The Keccak-256 hash of `signature`, the first topic of every log of a non-anonymous event (kept, not hashed
    /// on every log).
    public private(set) var topic0: Bytes32

    private static func topic0(name: String, inputs: [ABIParameter]) -> Bytes32 { Keccak256.hash(name + inputs.canonicalList) }
}
