// Hexadecimal text: any number of digits after an optional 0x, and the shortest 0x form out.

extension UInt256 {
    /// The value of the hex digits `text[start...]` (either case, leading zeros allowed; at least one digit).
    /// Offsets in errors count from the start of `text`.
    static func parseHex(_ text: UnsafeBufferPointer<UInt8>, from start: Int) throws(IntegerParseError) -> UInt256 {
        if let bad = (start..<text.count).first(where: { Hex.nibble(text[$0]) == nil }) {
            throw .invalidCharacter(in: text, at: bad)
        }
        var first = start
        while first < text.count && text[first] == UInt8(ascii: "0") { first += 1 }
        guard text.count - first <= 64 else { throw .overflow }
        var value = UInt256.zero
        for i in first..<text.count {
            value = value.shiftedLeft(within256: 4) | UInt256(UInt64(Hex.nibble(text[i])!))
        }
        return value
    }

    /// `0x` and the shortest lowercase hex digits (`0x0` for zero), as JSON-RPC writes quantities.
    public var hexString: String {
        let count = 1 + (255 - leadingZeroBitCount) / 4
        return String(unsafeUninitializedCapacity: 2 + count) { buffer in
            buffer[0] = UInt8(ascii: "0")
            buffer[1] = UInt8(ascii: "x")
            for i in 0..<count {
                let position = count - 1 - i
                let nibble = UInt8(truncatingIfNeeded: limb(position / 16) >> UInt64(4 * (position % 16))) & 0xf
                buffer[2 + i] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 2 + count
        }
    }
}
