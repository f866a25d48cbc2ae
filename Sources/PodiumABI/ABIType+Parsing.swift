extension ABIType {
    /// Parses a type string: canonical names (`uint256`, `(address,bytes)[]`, `bytes32[2]`), the aliases `uint`,
    /// `int` and `byte`, and `tuple(…)` for `(…)`; whitespace between tokens is allowed, names are not.
    ///
    /// Rejects what is not an ABI type with the position and the reason: `uint7`, `bytes33`, `uint256[0]`, `()`,
    /// unbalanced parentheses, nesting deeper than `maximumDepth`, fixed-point types.
    public init(parsing text: some StringProtocol) throws(ABIParseError) {
        var parser = ABIParser(text)
        self = try parser.parseTypeString()
    }
}
