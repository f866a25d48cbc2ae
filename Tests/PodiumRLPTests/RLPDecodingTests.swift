import PodiumPrimitives
import PodiumRLP
import Testing

/// Each way an encoding can be malformed or non-canonical is rejected with its own error and offset.
@Suite struct RLPDecodingTests {
    static let malformed: [(String, RLPError)] = [
        ("0x", .emptyInput),
        ("0x8100", .nonCanonicalSingleByte(offset: 0)),
        ("0xc3018105", .nonCanonicalSingleByte(offset: 2)),
        ("0xb800", .leadingZeroInLength(offset: 0)),
        ("0xf9003800", .leadingZeroInLength(offset: 0)),
        ("0xb837" + String(repeating: "61", count: 55), .nonCanonicalLongForm(offset: 0)),
        ("0xf803c0c0c0", .nonCanonicalLongForm(offset: 0)),
        ("0xc2f801", .nonCanonicalLongForm(offset: 1)),
        ("0x83646f", .lengthPastEnd(offset: 0, needed: 4, available: 3)),
        ("0xb9", .lengthPastEnd(offset: 0, needed: 3, available: 1)),
        ("0xb901", .lengthPastEnd(offset: 0, needed: 3, available: 2)),
        ("0xc48363", .lengthPastEnd(offset: 0, needed: 5, available: 3)),
        ("0xc283646f67", .itemOverrunsList(offset: 1, listEnd: 3)),
        ("0xc2b90100", .itemOverrunsList(offset: 1, listEnd: 3)),
        ("0xc1c1c0", .itemOverrunsList(offset: 1, listEnd: 2)),
        ("0x83646f6700", .trailingBytes(offset: 4)),
        ("0xc0c0", .trailingBytes(offset: 1)),
        ("0x0000", .trailingBytes(offset: 1)),
    ]

    @Test(arguments: malformed)
    func decodeRejectsMalformedInputWithItsReason(hex: String, error: RLPError) throws {
        let bytes = try Hex.decode(hex)
        #expect(throws: error) { try RLPItem(rlpEncoded: bytes) }
    }

    @Test func declaredLengthOfTwoToThe63FailsFastWithoutOverflow() throws {
        for prefix: UInt8 in [0xbf, 0xff] {
            let bytes = [prefix, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x61]
            #expect(throws: RLPError.lengthPastEnd(offset: 0, needed: .max, available: 10)) {
                try RLPItem(rlpEncoded: bytes)
            }
        }
        // Just below Int.max with its 9-byte header: still reported exactly.
        let nearMax = [0xbf, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xf5] as [UInt8]
        #expect(throws: RLPError.lengthPastEnd(offset: 0, needed: .max - 1, available: 9)) {
            try RLPItem(rlpEncoded: nearMax)
        }
    }

    /// `count` lists, each holding the next, innermost empty, encoded from the inside out.
    static func nestedLists(_ count: Int) -> [UInt8] {
        var encoding: [UInt8] = [0xc0]
        for _ in 1..<count { encoding = header(encoding.count) + encoding }
        return encoding
    }

    /// A list header for a payload of `count` bytes, written out by hand (Yellow Paper, appendix B).
    static func header(_ count: Int) -> [UInt8] {
        if count < 56 { return [0xc0 + UInt8(count)] }
        let length = count < 256 ? [UInt8(count)] : [UInt8(count >> 8), UInt8(count & 0xff)]
        return [0xf7 + UInt8(length.count)] + length
    }

    @Test func decodeAcceptsNestingUpToTheDepthLimitAndRejectsDeeper() throws {
        let deepest = Self.nestedLists(RLPItem.defaultMaxDepth)
        var item = try RLPItem(rlpEncoded: deepest)
        for _ in 1..<RLPItem.defaultMaxDepth {
            guard case .list(let items) = item, items.count == 1 else { Issue.record("not a one-item list"); return }
            item = items[0]
        }
        #expect(item == .list([]))

        let tooDeep = Self.nestedLists(RLPItem.defaultMaxDepth + 1)
        let innermost = tooDeep.count - 1
        #expect(throws: RLPError.tooDeep(offset: innermost, maxDepth: RLPItem.defaultMaxDepth)) {
            try RLPItem(rlpEncoded: tooDeep)
        }
        #expect(throws: RLPError.tooDeep(offset: 2, maxDepth: 2)) {
            try RLPItem(rlpEncoded: [0xc2, 0xc1, 0xc0], maxDepth: 2)
        }
        #expect(throws: RLPError.tooDeep(offset: 0, maxDepth: 0)) { try RLPItem(rlpEncoded: [0xc0], maxDepth: 0) }
        #expect(try RLPItem(rlpEncoded: [0x80], maxDepth: 0) == .bytes([]))
    }

    @Test func decodeAcceptsAnyByteCollection() throws {
        let encoding: [UInt8] = [0xc8, 0x83, 0x63, 0x61, 0x74, 0x83, 0x64, 0x6f, 0x67]
        let expected = RLPItem.list([.bytes(Array("cat".utf8)), .bytes(Array("dog".utf8))])
        #expect(try RLPItem(rlpEncoded: encoding[...]) == expected)
        #expect(try RLPItem(rlpEncoded: ([0xff] + encoding).dropFirst()) == expected)
        #expect(try RLPItem(rlpEncoded: encoding.lazy.map { $0 }) == expected)
    }

    @Test(arguments: [
        (RLPError.emptyInput, "empty input: RLP needs at least one byte"),
        (.nonCanonicalSingleByte(offset: 2),
         "non-canonical RLP at offset 2: a single byte below 0x80 must encode as itself"),
        (.leadingZeroInLength(offset: 0), "non-canonical RLP at offset 0: length starts with a zero byte"),
        (.nonCanonicalLongForm(offset: 1),
         "non-canonical RLP at offset 1: long-form length below 56 where the short form fits"),
        (.lengthPastEnd(offset: 0, needed: 4, available: 3), "RLP item at offset 0 needs 4 bytes, only 3 available"),
        (.lengthPastEnd(offset: 0, needed: .max, available: 10),
         "RLP item at offset 0 needs more than 10 bytes, only 10 available"),
        (.itemOverrunsList(offset: 1, listEnd: 3), "RLP item at offset 1 runs past the end of its list at offset 3"),
        (.trailingBytes(offset: 4), "trailing bytes after the RLP item, from offset 4"),
        (.tooDeep(offset: 9, maxDepth: 8), "RLP list at offset 9 is nested more than 8 deep"),
    ])
    func errorsDescribeThemselvesInOneLine(error: RLPError, description: String) {
        #expect(error.description == description)
    }
}
