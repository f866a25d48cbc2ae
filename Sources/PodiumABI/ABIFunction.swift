import PodiumPrimitives

/// Whether a function reads or changes state and accepts ether (Solidity ABI spec, "JSON": `stateMutability`).
public enum ABIStateMutability: String, Hashable, Sendable, CaseIterable {
    /// Reads no state.
    case pure
    /// Reads but does not change state.
    case view
    /// Changes state and rejects ether; the default.
    case nonpayable
    /// Changes state and accepts ether.
    case payable
}

/// A contract function: its name, parameters and return values (Solidity ABI spec, "JSON", `type: "function"`).
public struct ABIFunction: Hashable, Sendable {
    /// The function's name.
    public var name: String
    /// Its parameters, the calldata after the selector.
    public var inputs: [ABIParameter]
    /// Its return values.
    public var outputs: [ABIParameter]
    /// Whether it reads or changes state and accepts ether.
    public var stateMutability: ABIStateMutability

    /// A function named `name` with these parameters and return values.
    public init(
        name: String, inputs: [ABIParameter] = [], outputs: [ABIParameter] = [],
        stateMutability: ABIStateMutability = .nonpayable
    ) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.stateMutability = stateMutability
    }

    /// The canonical signature, `transfer(address,uint256)`: the name and the input types, without return types
    /// (Solidity ABI spec, "Function Selector").
    public var signature: String { name + inputs.canonicalList }

    /// The first four bytes of the Keccak-256 hash of `signature`.
    public var selector: Selector { Selector(signature: signature) }

    /// The calldata of a call with `values`: the selector and the encoded arguments.
    public func encodeCall(_ values: [ABIValue]) throws(ABIEncodingError) -> [UInt8] {
        try ABIEncoder.encode(values, as: inputs, after: selector)
    }

    /// The arguments in `calldata`, after checking that it starts with this function's selector.
    public func decodeCall(_ calldata: some Sequence<UInt8>) throws(ABIDecodingError) -> [ABIValue] {
        try ABIDecoder.withBytes(calldata) { (buffer) throws(ABIDecodingError) in
            try ABIDecoder.decode(buffer, after: selector, as: inputs)
        }
    }

    /// The encoding of return values `values`.
    public func encodeOutput(_ values: [ABIValue]) throws(ABIEncodingError) -> [UInt8] {
        try ABIEncoder.encode(values, as: outputs)
    }

    /// The return values in `data`, the bytes a call returned.
    public func decodeOutput(_ data: some Sequence<UInt8>) throws(ABIDecodingError) -> [ABIValue] {
        try ABIDecoder.decode(data, as: outputs)
    }
}
