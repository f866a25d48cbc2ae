import PodiumPrimitives
import PodiumRLP
import PodiumSigner
import PodiumTransactions
import Testing

/// Strict decoding: every way a raw transaction is refused, each with its own error.
@Suite struct TransactionDecodingTests {
    static let key = try! PrivateKey(hex: "0x4646464646464646464646464646464646464646464646464646464646464646")
    static let recipient = try! Address(hex: "0x3535353535353535353535353535353535353535")

    static let eip1559 = EIP1559Transaction(
        chainID: 1, nonce: 9, maxPriorityFeePerGas: 1_000_000_000, maxFeePerGas: 20_000_000_000, gasLimit: 21_000,
        to: .call(recipient), value: 1_000_000_000_000_000_000,
        accessList: [AccessListItem(address: recipient, storageKeys: [.zero])]
    ).signed(with: key)
    static let eip2930 = EIP2930Transaction(
        chainID: 1, nonce: 9, gasPrice: 20_000_000_000, gasLimit: 21_000, to: .call(recipient), value: 1
    ).signed(with: key)
    static let legacy = LegacyTransaction(
        chainID: 1, nonce: 9, gasPrice: 20_000_000_000, gasLimit: 21_000, to: .call(recipient), value: 1
    ).signed(with: key)

    /// The fields of a signed transaction's RLP list.
    static func fields(_ raw: [UInt8]) -> [RLPItem] {
        let typed = raw[0] < 0xc0
        guard case .list(let items) = try! RLPItem(rlpEncoded: raw.dropFirst(typed ? 1 : 0)) else { fatalError() }
        return items
    }

    /// Raw bytes of `type` (0 for legacy) made of `items`.
    static func raw(_ type: UInt8, _ items: [RLPItem]) -> [UInt8] {
        (type == 0 ? [] : [type]) + RLPItem.list(items).rlpEncoded()
    }

    /// The EIP-1559 transfer with field `index` replaced.
    static func eip1559(replacing index: Int, with item: RLPItem) -> [UInt8] {
        var items = fields(eip1559.rawBytes)
        items[index] = item
        return raw(2, items)
    }

    /// The legacy transfer with field `index` replaced.
    static func legacy(replacing index: Int, with item: RLPItem) -> [UInt8] {
        var items = fields(legacy.rawBytes)
        items[index] = item
        return raw(0, items)
    }

    @Test func roundTripsEachType() throws {
        #expect(try TransactionEnvelope(rawBytes: Self.eip1559.rawBytes) == .eip1559(Self.eip1559))
        #expect(try TransactionEnvelope(rawBytes: Self.eip2930.rawBytes) == .eip2930(Self.eip2930))
        #expect(try TransactionEnvelope(rawBytes: Self.legacy.rawBytes) == .legacy(Self.legacy))
        #expect(try TransactionEnvelope(rawBytes: Self.eip1559.rawBytes).sender() == Self.key.address)
    }

    @Test func rejectsEmptyInput() {
        #expect(throws: TransactionError.emptyInput) { try TransactionEnvelope(rawBytes: []) }
        #expect(throws: TransactionError.emptyInput) { try Signed<EIP1559Transaction>(rawBytes: []) }
    }

    @Test(arguments: [0x00, 0x03, 0x04, 0x7f] as [UInt8])
    func rejectsUnknownTypes(type: UInt8) {
        let raw = [type] + Self.eip1559.rawBytes.dropFirst()
        #expect(throws: TransactionError.unknownType(type)) { try TransactionEnvelope(rawBytes: raw) }
    }

    @Test func rejectsAnotherTypeThanTheOneAskedFor() {
        #expect(throws: TransactionError.wrongType(expected: .eip1559, actual: 0x01)) {
            try Signed<EIP1559Transaction>(rawBytes: Self.eip2930.rawBytes)
        }
        #expect(throws: TransactionError.wrongType(expected: .legacy, actual: 0x02)) {
            try Signed<LegacyTransaction>(rawBytes: Self.eip1559.rawBytes)
        }
        #expect(throws: TransactionError.wrongType(expected: .eip2930, actual: Self.legacy.rawBytes[0])) {
            try Signed<EIP2930Transaction>(rawBytes: Self.legacy.rawBytes)
        }
    }

    @Test func rejectsFieldsThatAreNotAList() {
        // A first byte in 0x80…0xbf is an RLP string: neither a type byte nor a legacy list.
        #expect(throws: TransactionError.notAList(offset: 0)) { try TransactionEnvelope(rawBytes: [0x83, 1, 2, 3]) }
        #expect(throws: TransactionError.notAList(offset: 1)) { try TransactionEnvelope(rawBytes: [0x02, 0x80]) }
    }

    @Test func rejectsMalformedRLP() {
        let truncated = Array(Self.eip1559.rawBytes.dropLast())
        let available = truncated.count - 1
        #expect(throws: TransactionError.malformedRLP(.lengthPastEnd(
            offset: 0, needed: Self.eip1559.rawBytes.count - 1, available: available))) {
            try TransactionEnvelope(rawBytes: truncated)
        }
        #expect(throws: TransactionError.malformedRLP(.emptyInput)) { try TransactionEnvelope(rawBytes: [0x02]) }
    }

    @Test func rejectsTrailingBytes() {
        let typed = Self.eip1559.rawBytes, legacy = Self.legacy.rawBytes
        #expect(throws: TransactionError.trailingBytes(offset: typed.count)) {
            try TransactionEnvelope(rawBytes: typed + [0x00])
        }
        #expect(throws: TransactionError.trailingBytes(offset: legacy.count)) {
            try TransactionEnvelope(rawBytes: legacy + [0x80, 0x80])
        }
    }

    @Test func rejectsWrongFieldCounts() {
        let eip1559 = Self.fields(Self.eip1559.rawBytes), eip2930 = Self.fields(Self.eip2930.rawBytes)
        let legacy = Self.fields(Self.legacy.rawBytes)
        let cases: [([UInt8], TransactionError)] = [
            (Self.raw(2, Array(eip1559.dropLast())), .wrongFieldCount(.eip1559, expected: 12, actual: 11)),
            (Self.raw(2, eip1559 + [.bytes([])]), .wrongFieldCount(.eip1559, expected: 12, actual: 13)),
            (Self.raw(1, Array(eip2930.dropLast(3))), .wrongFieldCount(.eip2930, expected: 11, actual: 8)),
            (Self.raw(0, Array(legacy.prefix(6))), .wrongFieldCount(.legacy, expected: 9, actual: 6)),
            (Self.raw(0, []), .wrongFieldCount(.legacy, expected: 9, actual: 0)),
        ]
        for (raw, error) in cases {
            #expect(throws: error) { try TransactionEnvelope(rawBytes: raw) }
        }
    }

    @Test func rejectsNonCanonicalIntegers() {
        // nonce 9 written as 0x0009, a value with a leading zero byte, zero written as 0x00.
        let cases: [([UInt8], TransactionError)] = [
            (Self.eip1559(replacing: 1, with: .bytes([0, 9])), .nonCanonicalInteger(.nonce)),
            (Self.eip1559(replacing: 6, with: .bytes([0, 1])), .nonCanonicalInteger(.value)),
            (Self.eip1559(replacing: 9, with: .bytes([0])), .nonCanonicalInteger(.yParity)),
            (Self.eip1559(replacing: 0, with: .bytes([0])), .nonCanonicalInteger(.chainId)),
            (Self.legacy(replacing: 6, with: .bytes([0, 37])), .nonCanonicalInteger(.v)),
            (Self.legacy(replacing: 7, with: .bytes([0] + [UInt8](repeating: 1, count: 31))), .nonCanonicalInteger(.r)),
        ]
        for (raw, error) in cases {
            #expect(throws: error) { try TransactionEnvelope(rawBytes: raw) }
        }
    }

    @Test func rejectsIntegersTooWideForTheirField() {
        let nine = [UInt8](repeating: 1, count: 9), thirtyThree = [UInt8](repeating: 1, count: 33)
        let cases: [([UInt8], TransactionError)] = [
            (Self.eip1559(replacing: 0, with: .bytes(nine)), .integerTooWide(.chainId, byteCount: 9, maxByteCount: 8)),
            (Self.eip1559(replacing: 1, with: .bytes(nine)), .integerTooWide(.nonce, byteCount: 9, maxByteCount: 8)),
            (Self.eip1559(replacing: 4, with: .bytes(nine)), .integerTooWide(.gas, byteCount: 9, maxByteCount: 8)),
            (Self.eip1559(replacing: 3, with: .bytes(thirtyThree)),
             .integerTooWide(.maxFeePerGas, byteCount: 33, maxByteCount: 32)),
            (Self.eip1559(replacing: 6, with: .bytes(thirtyThree)),
             .integerTooWide(.value, byteCount: 33, maxByteCount: 32)),
            (Self.eip1559(replacing: 11, with: .bytes(thirtyThree)),
             .integerTooWide(.s, byteCount: 33, maxByteCount: 32)),
        ]
        for (raw, error) in cases {
            #expect(throws: error) { try TransactionEnvelope(rawBytes: raw) }
        }
    }

    @Test func rejectsListsWhereBytesBelongAndBytesWhereAListBelongs() {
        #expect(throws: TransactionError.expectedBytes(.nonce)) {
            try TransactionEnvelope(rawBytes: Self.eip1559(replacing: 1, with: .list([])))
        }
        #expect(throws: TransactionError.expectedBytes(.input)) {
            try TransactionEnvelope(rawBytes: Self.eip1559(replacing: 7, with: .list([])))
        }
        #expect(throws: TransactionError.expectedBytes(.to)) {
            try TransactionEnvelope(rawBytes: Self.legacy(replacing: 3, with: .list([])))
        }
        #expect(throws: TransactionError.expectedList(.accessList)) {
            try TransactionEnvelope(rawBytes: Self.eip1559(replacing: 8, with: .bytes([])))
        }
    }

    @Test(arguments: [1, 19, 21, 32])
    func rejectsToOfAnotherLength(count: Int) {
        #expect(throws: TransactionError.invalidToLength(count)) {
            try TransactionEnvelope(
                rawBytes: Self.eip1559(replacing: 5, with: .bytes([UInt8](repeating: 0x35, count: count))))
        }
    }

    @Test func acceptsAnEmptyToAsACreation() throws {
        let creation = EIP1559Transaction(chainID: 1, nonce: 0, maxPriorityFeePerGas: 0, maxFeePerGas: 0, gasLimit: 0,
                                          to: .create, input: [0x60, 0x00]).signed(with: Self.key)
        let decoded = try Signed<EIP1559Transaction>(rawBytes: creation.rawBytes)
        #expect(decoded.transaction.to == .create && decoded.transaction.to.address == nil)
    }

    @Test func rejectsMalformedAccessLists() {
        let address = RLPItem.bytes(Self.recipient.bytes), key = RLPItem.bytes([UInt8](repeating: 0, count: 32))
        let cases: [(RLPItem, TransactionError)] = [
            (.list([.bytes([1])]), .invalidAccessList(entry: 0, .notAPair)),
            (.list([.list([address, .list([])]), .list([address])]), .invalidAccessList(entry: 1, .notAPair)),
            (.list([.list([address, .list([]), .list([])])]), .invalidAccessList(entry: 0, .notAPair)),
            (.list([.list([.bytes([1, 2]), .list([])])]), .invalidAccessList(entry: 0, .invalidAddress)),
            (.list([.list([.list([]), .list([])])]), .invalidAccessList(entry: 0, .invalidAddress)),
            (.list([.list([address, key])]), .invalidAccessList(entry: 0, .storageKeysNotAList)),
            (.list([.list([address, .list([key, .bytes([1])])])]),
             .invalidAccessList(entry: 0, .invalidStorageKey(index: 1))),
            (.list([.list([address, .list([.list([])])])]), .invalidAccessList(entry: 0, .invalidStorageKey(index: 0))),
        ]
        for (accessList, error) in cases {
            #expect(throws: error) { try TransactionEnvelope(rawBytes: Self.eip1559(replacing: 8, with: accessList)) }
        }
    }

    @Test(arguments: [0, 1, 26, 29, 30, 34] as [UInt64])
    func rejectsLegacyVThatIsNeither27Or28NorEIP155(v: UInt64) {
        #expect(throws: TransactionError.invalidV(UInt256(v))) {
            try TransactionEnvelope(rawBytes: Self.legacy(replacing: 6, with: .uint(v)))
        }
    }

    @Test func readsTheChainIDFromLegacyV() throws {
        for (v, chainID, parity) in [(35, 0, false), (36, 0, true), (37, 1, false), (62710, 31337, true)] as
            [(UInt64, UInt64, Bool)] {
            let decoded = try Signed<LegacyTransaction>(rawBytes: Self.legacy(replacing: 6, with: .uint(v)))
            #expect(decoded.transaction.chainID == chainID && decoded.signature.yParity == parity)
        }
        // The largest chain id that fits 64 bits, and one past it.
        let largest = UInt256(UInt64.max) * 2 + 36
        let decoded = try Signed<LegacyTransaction>(
            rawBytes: Self.legacy(replacing: 6, with: .uint(bigEndianBytes: largest.bigEndianBytes)))
        #expect(decoded.transaction.chainID == .max && decoded.signature.yParity)
        let tooLarge = largest + 1
        #expect(throws: TransactionError.invalidV(tooLarge)) {
            try TransactionEnvelope(
                rawBytes: Self.legacy(replacing: 6, with: .uint(bigEndianBytes: tooLarge.bigEndianBytes)))
        }
    }

    @Test(arguments: [2, 27, 255] as [UInt64])
    func rejectsYParityOtherThanZeroOrOne(parity: UInt64) {
        #expect(throws: TransactionError.invalidYParity(UInt256(parity))) {
            try TransactionEnvelope(rawBytes: Self.eip1559(replacing: 9, with: .uint(parity)))
        }
        #expect(throws: TransactionError.invalidYParity(UInt256(parity))) {
            try TransactionEnvelope(rawBytes: Self.raw(1, {
                var items = Self.fields(Self.eip2930.rawBytes)
                items[8] = .uint(parity)
                return items
            }()))
        }
    }

    @Test func decodesButRefusesTheSenderOfAnInvalidSignature() throws {
        // n − s: the high-s twin of a valid signature, which EIP-2 forbids; and r = 0.
        let order: UInt256 = 0xFFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFE_BAAE_DCE6_AF48_A03B_BFD2_5E8C_D036_4141
        let signature = Self.eip1559.signature
        var items = Self.fields(Self.eip1559.rawBytes)
        items[9] = .uint(UInt64(signature.yParity ? 0 : 1))
        items[11] = .uint(bigEndianBytes: (order - signature.s).bigEndianBytes)
        let highS = try TransactionEnvelope(rawBytes: Self.raw(2, items))
        #expect(throws: TransactionError.invalidSignature(.signatureHighS)) { try highS.sender() }

        let zeroR = try TransactionEnvelope(rawBytes: Self.eip1559(replacing: 10, with: .bytes([])))
        #expect(throws: TransactionError.invalidSignature(.signatureROutOfRange)) { try zeroR.sender() }
    }

    @Test func errorDescriptionsNameTheField() {
        #expect(TransactionError.nonCanonicalInteger(.nonce).description.contains("nonce"))
        #expect(TransactionError.integerTooWide(.gas, byteCount: 9, maxByteCount: 8).description.contains("gas"))
        #expect(TransactionError.invalidAccessList(entry: 2, .invalidStorageKey(index: 1)).description
            == "access list entry 2: storage key 1 is not 32 bytes")
        #expect(TransactionError.unknownType(3).description == "unknown transaction type 0x3")
    }
}
