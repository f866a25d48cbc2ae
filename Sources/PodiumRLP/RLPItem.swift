/// One RLP value: a byte string or a list of values (Ethereum Yellow Paper, appendix B).
public enum RLPItem: Hashable, Sendable {
    /// A byte string; integers are big-endian byte strings without leading zeros.
    case bytes([UInt8])
    /// A list of items.
    case list([RLPItem])

    /// How many lists deep the decoders go before refusing the input, so nesting cannot exhaust the stack.
    public static let defaultMaxDepth = 1024
}
