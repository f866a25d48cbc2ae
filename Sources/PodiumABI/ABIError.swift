/// A custom error a contract can revert with: its name and parameters (Solidity ABI spec, "Errors").
public struct ABIError: Hashable, Sendable {
    /// The error's name.
    public var name: String
    /// Its parameters, encoded after the selector in the revert data.
    public var inputs: [ABIParameter]

    /// An error named `name` with these parameters.
    public init(name: String, inputs: [ABIParameter] = []) {
        self.name = name
        self.inputs = inputs
    }

    /// The canonical signature, `InsufficientBalance(uint256,uint256)`.
    public var signature: String { name + inputs.canonicalList }

    /// The first four bytes of the Keccak-256 hash of `signature`, with which its revert data starts.
    public var selector: Selector { Selector(signature: signature) }

    /// The revert data for this error with `values`: the selector and the encoded arguments.
    public func encode(_ values: [ABIValue]) throws(ABIEncodingError) -> [UInt8] {
        try ABIEncoder.encode(values, as: inputs, after: selector)
    }

    /// The arguments in `revertData`, after checking that it starts with this error's selector.
    public func decode(_ revertData: some Sequence<UInt8>) throws(ABIDecodingError) -> [ABIValue] {
        try ABIDecoder.withBytes(revertData) { (buffer) throws(ABIDecodingError) in
            try ABIDecoder.decode(buffer, after: selector, as: inputs)
        }
    }
}
