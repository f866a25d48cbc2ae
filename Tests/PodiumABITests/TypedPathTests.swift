import PodiumABI
import PodiumPrimitives
import PodiumTestSupport
import Testing

// The typed path (`ABICodable`, `ABITuple`, `ABI.encode` / `ABI.decode`): its types, the Solidity documentation's
// worked examples, and the helpers the other TypedPath tests share: tuple structs for the shapes they test, random
// values of them, and their JSON for the eth-abi oracle, written with the primitives alone (no `ABIValue`s).

/// A typed value that can make random instances of itself and say what the oracle's JSON for it is.
protocol TypedSample: ABICodable {
    /// A random value, biased to the edges for integers.
    static func random(using generator: inout SeededGenerator) -> Self
    /// The JSON that `Tests/oracles/abi.py` reads and writes for the value.
    var oracle: OracleValue { get }
}

extension TypedSample where Self: FixedWidthInteger {
    static func random(using generator: inout SeededGenerator) -> Self {
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: .min
        case 1: .max
        case 2: 0
        default: Self.random(in: .min ... .max, using: &generator)
        }
    }

    var oracle: OracleValue { .text(description) }
}

extension UInt8: TypedSample {}
extension UInt16: TypedSample {}
extension UInt32: TypedSample {}
extension UInt64: TypedSample {}
extension Int8: TypedSample {}
extension Int16: TypedSample {}
extension Int32: TypedSample {}
extension Int64: TypedSample {}

extension UInt256: TypedSample {
    static func random(using generator: inout SeededGenerator) -> UInt256 {
        let word = UInt256(limbs: generator.next(), generator.next(), generator.next(), generator.next())
        return Bool.random(using: &generator) ? word : word >> Int.random(in: 1...255, using: &generator)
    }

    var oracle: OracleValue { .text(description) }
}

extension Int256: TypedSample {
    static func random(using generator: inout SeededGenerator) -> Int256 {
        Int256(bitPattern: UInt256.random(using: &generator))
    }

    var oracle: OracleValue { .text(description) }
}

extension Address: TypedSample {
    static func random(using generator: inout SeededGenerator) -> Address { try! Address(generator.bytes(20)) }

    var oracle: OracleValue { .text(lowercaseHex) }
}

extension Bool: TypedSample {
    var oracle: OracleValue { .bool(self) }
}

extension Bytes32: TypedSample {
    static func random(using generator: inout SeededGenerator) -> Bytes32 { try! Bytes32(generator.bytes(32)) }

    var oracle: OracleValue { .text(description) }
}

extension ABIBytes: TypedSample {
    /// 0 to 100 bytes, often around the 32-byte boundaries.
    static func random(using generator: inout SeededGenerator) -> ABIBytes {
        let counts = [0, 1, 31, 32, 33, 64, Int.random(in: 0...100, using: &generator)]
        return ABIBytes(generator.bytes(counts.randomElement(using: &generator)!))
    }

    var oracle: OracleValue { .text(Hex.encode(bytes)) }
}

extension String: TypedSample {
    /// Text of ASCII and of two-, three- and four-byte UTF-8, 0 to 40 characters.
    static func random(using generator: inout SeededGenerator) -> String {
        let alphabet: [Character] = ["a", "Z", "7", " ", "\"", "é", "€", "中", "😀", "\u{0}"]
        let ascii = Bool.random(using: &generator)
        return String((0..<Int.random(in: 0...40, using: &generator)).map { _ in
            ascii ? "q" : alphabet.randomElement(using: &generator)!
        })
    }

    var oracle: OracleValue { .text(self) }
}

extension Array: TypedSample where Element: TypedSample {
    /// 0 to 4 elements.
    static func random(using generator: inout SeededGenerator) -> [Element] {
        (0..<Int.random(in: 0...4, using: &generator)).map { _ in Element.random(using: &generator) }
    }

    var oracle: OracleValue { .list(map(\.oracle)) }
}

/// An `ABITuple` test shape: its canonical type, written out by hand, and its fields' JSON.
protocol TypedShape: ABITuple, TypedSample, Equatable, Sendable {
    /// The tuple's components as Solidity writes them, independently of `abiType`.
    static var componentTypes: [String] { get }
}

extension TypedShape {
    /// The fields' JSON, in order.
    var oracleFields: [OracleValue] {
        guard case .list(let fields) = oracle else { preconditionFailure("a tuple's JSON is a list") }
        return fields
    }
}

/// The arguments of `event PrizesDistributed(uint8 indexed prizeType, address[] winners, uint256[] amounts,
/// uint256 timestamp)`, all four.
struct PrizesDistributed: TypedShape {
    var prizeType: UInt8 = 0
    var winners: [Address] = []
    var amounts: [UInt256] = []
    var timestamp: UInt256 = 0

    static let componentTypes = ["uint8", "address[]", "uint256[]", "uint256"]

    mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
        try fields.visit(&prizeType)
        try fields.visit(&winners)
        try fields.visit(&amounts)
        try fields.visit(&timestamp)
    }

    static func random(using generator: inout SeededGenerator) -> PrizesDistributed {
        let count = Int.random(in: 0...6, using: &generator)
        return PrizesDistributed(
            prizeType: .random(using: &generator),
            winners: (0..<count).map { _ in .random(using: &generator) },
            amounts: (0..<count).map { _ in .random(using: &generator) }, timestamp: .random(using: &generator))
    }

    var oracle: OracleValue { .list([prizeType.oracle, winners.oracle, amounts.oracle, timestamp.oracle]) }
}

/// `(address,bytes,uint256)`.
struct Payment: TypedShape {
    var account = Address.zero
    var memo: ABIBytes = []
    var amount: UInt256 = 0

    static let componentTypes = ["address", "bytes", "uint256"]

    mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
        try fields.visit(&account)
        try fields.visit(&memo)
        try fields.visit(&amount)
    }

    static func random(using generator: inout SeededGenerator) -> Payment {
        Payment(
            account: .random(using: &generator), memo: .random(using: &generator), amount: .random(using: &generator))
    }

    var oracle: OracleValue { .list([account.oracle, memo.oracle, amount.oracle]) }
}

/// `(uint256,(address,bytes,uint256)[],string)`.
struct Payout: TypedShape {
    var id: UInt256 = 0
    var payments: [Payment] = []
    var note = ""

    static let componentTypes = ["uint256", "(address,bytes,uint256)[]", "string"]

    mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
        try fields.visit(&id)
        try fields.visit(&payments)
        try fields.visit(&note)
    }

    static func random(using generator: inout SeededGenerator) -> Payout {
        Payout(id: .random(using: &generator), payments: .random(using: &generator), note: .random(using: &generator))
    }

    var oracle: OracleValue { .list([id.oracle, payments.oracle, note.oracle]) }
}

/// Every fixed-width integer, a bool and a bytes32: a static tuple.
struct Words: TypedShape {
    var a: Int8 = 0
    var b: Int16 = 0
    var c: Int32 = 0
    var d: Int64 = 0
    var e: UInt16 = 0
    var f: UInt32 = 0
    var g: UInt64 = 0
    var h: Int256 = 0
    var i = false
    var j = Bytes32.zero

    static let componentTypes = [
        "int8", "int16", "int32", "int64", "uint16", "uint32", "uint64", "int256", "bool", "bytes32",
    ]

    mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
        try fields.visit(&a)
        try fields.visit(&b)
        try fields.visit(&c)
        try fields.visit(&d)
        try fields.visit(&e)
        try fields.visit(&f)
        try fields.visit(&g)
        try fields.visit(&h)
        try fields.visit(&i)
        try fields.visit(&j)
    }

    static func random(using generator: inout SeededGenerator) -> Words {
        Words(
            a: .random(using: &generator), b: .random(using: &generator), c: .random(using: &generator),
            d: .random(using: &generator), e: .random(using: &generator), f: .random(using: &generator),
            g: .random(using: &generator), h: .random(using: &generator), i: .random(using: &generator),
            j: .random(using: &generator))
    }

    var oracle: OracleValue {
        .list([a.oracle, b.oracle, c.oracle, d.oracle, e.oracle, f.oracle, g.oracle, h.oracle, i.oracle, j.oracle])
    }
}

/// `(uint8,address)`: a static tuple nested in others.
struct Slot: TypedShape {
    var kind: UInt8 = 0
    var owner = Address.zero

    static let componentTypes = ["uint8", "address"]

    mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
        try fields.visit(&kind)
        try fields.visit(&owner)
    }

    static func random(using generator: inout SeededGenerator) -> Slot {
        Slot(kind: .random(using: &generator), owner: .random(using: &generator))
    }

    var oracle: OracleValue { .list([kind.oracle, owner.oracle]) }
}

/// `(string,uint64[])`.
struct Labelled: TypedShape {
    var label = ""
    var values: [UInt64] = []

    static let componentTypes = ["string", "uint64[]"]

    mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
        try fields.visit(&label)
        try fields.visit(&values)
    }

    static func random(using generator: inout SeededGenerator) -> Labelled {
        Labelled(label: .random(using: &generator), values: .random(using: &generator))
    }

    var oracle: OracleValue { .list([label.oracle, values.oracle]) }
}

/// `(string[],(uint8,address),(bool,(string,uint64[]))[],uint256[][],uint8[],bytes)`: nesting, static tuples among
/// dynamic values, and `uint8[]` next to `bytes`.
struct Mixed: TypedShape {
    /// `(bool,(string,uint64[]))`.
    struct Flagged: TypedShape {
        var flag = false
        var labelled = Labelled()

        static let componentTypes = ["bool", "(string,uint64[])"]

        mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
            try fields.visit(&flag)
            try fields.visit(&labelled)
        }

        static func random(using generator: inout SeededGenerator) -> Flagged {
            Flagged(flag: .random(using: &generator), labelled: .random(using: &generator))
        }

        var oracle: OracleValue { .list([flag.oracle, labelled.oracle]) }
    }

    var names: [String] = []
    var slot = Slot()
    var flagged: [Flagged] = []
    var matrix: [[UInt256]] = []
    var small: [UInt8] = []
    var blob: ABIBytes = []

    static let componentTypes = [
        "string[]", "(uint8,address)", "(bool,(string,uint64[]))[]", "uint256[][]", "uint8[]", "bytes",
    ]

    mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
        try fields.visit(&names)
        try fields.visit(&slot)
        try fields.visit(&flagged)
        try fields.visit(&matrix)
        try fields.visit(&small)
        try fields.visit(&blob)
    }

    static func random(using generator: inout SeededGenerator) -> Mixed {
        Mixed(
            names: .random(using: &generator), slot: .random(using: &generator), flagged: .random(using: &generator),
            matrix: .random(using: &generator), small: .random(using: &generator), blob: .random(using: &generator))
    }

    var oracle: OracleValue {
        .list([names.oracle, slot.oracle, flagged.oracle, matrix.oracle, small.oracle, blob.oracle])
    }
}

/// `((uint8,address),int16,(uint8,address))`: static tuples nested in a static tuple.
struct StaticPair: TypedShape {
    var first = Slot()
    var delta: Int16 = 0
    var second = Slot()

    static let componentTypes = ["(uint8,address)", "int16", "(uint8,address)"]

    mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
        try fields.visit(&first)
        try fields.visit(&delta)
        try fields.visit(&second)
    }

    static func random(using generator: inout SeededGenerator) -> StaticPair {
        StaticPair(
            first: .random(using: &generator), delta: .random(using: &generator), second: .random(using: &generator))
    }

    var oracle: OracleValue { .list([first.oracle, delta.oracle, second.oracle]) }
}

@Suite struct TypedPathTests {
    @Test func typesHaveTheirSolidityNames() {
        #expect(UInt8.abiType == .uint(8) && Int64.abiType == .int(64) && UInt256.abiType == .uint256)
        #expect(Int256.abiType == .int256 && Address.abiType == .address && Bool.abiType == .bool)
        #expect(Bytes32.abiType == .bytes32 && String.abiType == .string && ABIBytes.abiType == .bytes)
        #expect([UInt8].abiType == .array(.uint(8)), "[UInt8] is uint8[]; bytes is ABIBytes")
        #expect([[Address]].abiType.canonicalName == "address[][]")
        for (shape, components) in Self.shapes {
            #expect(shape.abiType.canonicalName == "(" + components.joined(separator: ",") + ")")
        }
    }

    /// Each shape and its component types as written by hand.
    static var shapes: [(any TypedShape.Type, [String])] {
        [
            (PrizesDistributed.self, PrizesDistributed.componentTypes), (Payment.self, Payment.componentTypes),
            (Payout.self, Payout.componentTypes), (Words.self, Words.componentTypes), (Slot.self, Slot.componentTypes),
            (Mixed.self, Mixed.componentTypes), (StaticPair.self, StaticPair.componentTypes),
        ]
    }

    @Test func layoutsAgreeWithTheirABITypes() {
        let types: [any ABICodable.Type] =
            Self.shapes.map(\.0) + [
                UInt8.self, Int256.self, Address.self, Bool.self, Bytes32.self, String.self, ABIBytes.self,
                [UInt8].self, [Slot].self, [Payment].self, [[UInt256]].self,
            ]
        for type in types {
            #expect(type.abiIsDynamic == type.abiType.isDynamic, "\(type)")
            #expect(type.abiHeadSize == type.abiType.headSize, "\(type)")
        }
    }

    @Test func solidityDocumentationExamplesEncodeAndDecodeAsDocumented() throws {
        let examples = Dictionary(uniqueKeysWithValues: try SpecExampleTests.examples().map { ($0.title, $0.encoding) })

        let baz = try #require(examples["baz(uint32,bool)"])
        #expect(ABI.encode(UInt32(69), true) == baz)
        let (number, flag) = try ABI.decode((UInt32, Bool).self, from: baz)
        #expect(number == 69 && flag)

        let sam = try #require(examples["sam(bytes,bool,uint256[])"])
        let dave = ABIBytes("dave".utf8)
        #expect(ABI.encode(dave, true, [UInt256(1), 2, 3]) == sam)
        let (bytes, truth, numbers) = try ABI.decode((ABIBytes, Bool, [UInt256]).self, from: sam)
        #expect(bytes == dave && truth && numbers == [1, 2, 3])

        let g = try #require(examples["g(uint256[][],string[])"])
        let matrix: [[UInt256]] = [[1, 2], [3]]
        #expect(ABI.encode(matrix, ["one", "two", "three"]) == g)
        let (decodedMatrix, words) = try ABI.decode(([[UInt256]], [String]).self, from: g)
        #expect(decodedMatrix == matrix && words == ["one", "two", "three"])
    }

    @Test func uint8ArraysAndBytesEncodeDifferently() {
        // uint8[] [1, 2]: offset, length, a word per element. bytes 0x0102: offset, length, one padded word.
        let word = { (byte: UInt8) in [UInt8](repeating: 0, count: 31) + [byte] }
        #expect(ABI.encode([UInt8]([1, 2])) == word(0x20) + word(2) + word(1) + word(2))
        #expect(ABI.encode(ABIBytes([1, 2])) == word(0x20) + word(2) + [1, 2] + [UInt8](repeating: 0, count: 30))
    }

    @Test func aTupleStructEncodesAsItsFieldsInAParameterList() throws {
        var generator = SeededGenerator()
        let prizes = PrizesDistributed.random(using: &generator)
        let data = ABI.encode(prizes.prizeType, prizes.winners, prizes.amounts, prizes.timestamp)
        #expect(ABI.encode(fieldsOf: prizes) == data, "seed \(generator.seed)")
        #expect(try ABI.decode(fieldsOf: PrizesDistributed.self, from: data) == prizes, "seed \(generator.seed)")
        // As one parameter, a dynamic struct is an offset to its encoding, as Solidity's `abi.encode(s)`.
        #expect(ABI.encode(prizes) == [UInt8](repeating: 0, count: 31) + [0x20] + data, "seed \(generator.seed)")
        #expect(try ABI.decode(PrizesDistributed.self, from: ABI.encode(prizes)) == prizes, "seed \(generator.seed)")
    }

    @Test func narrowIntegersRoundTripAtTheirEdges() throws {
        let data = ABI.encode(Int8.min, Int8.max, UInt8.max, Int64.min, UInt64.max, Int16(-1))
        let decoded = try ABI.decode((Int8, Int8, UInt8, Int64, UInt64, Int16).self, from: data)
        #expect(decoded == (Int8.min, Int8.max, UInt8.max, Int64.min, UInt64.max, -1))
        // -1 as int16 is sign-extended to all ones; uint64 max is zero above its 64 bits.
        #expect(data[(5 * 32)..<(6 * 32)].allSatisfy { $0 == 0xff })
        #expect(data[(4 * 32)..<(4 * 32 + 24)].allSatisfy { $0 == 0 })
    }

    /// A Solidity enum, `uint8` in the ABI, conforming outside PodiumABI by delegating to `UInt8`.
    enum Prize: UInt8, ABIWordCodable {
        case first, second

        static var abiType: ABIType { .uint(8) }

        init(abiWord reader: ABIReader, at offset: Int) throws(ABIDecodingError) {
            guard let prize = Prize(rawValue: try UInt8(abiWord: reader, at: offset)) else {
                throw ABIDecodingError(.valueOutOfRange(.uint(8)), offset: offset)
            }
            self = prize
        }

        func abiEncodeWord(to writer: ABIWriter, at offset: Int) { rawValue.abiEncodeWord(to: writer, at: offset) }
    }

    @Test func typesOutsideTheModuleConformByDelegating() throws {
        let data = ABI.encode([Prize.second, .first], Prize.second)
        #expect(data == ABI.encode([UInt8(1), 0], UInt8(1)))
        let (prizes, prize) = try ABI.decode(([Prize], Prize).self, from: data)
        #expect(prizes == [.second, .first] && prize == .second)
        let outOfRange = ABIDecodingError(.valueOutOfRange(.uint(8)), offset: 0, path: ABIPath([.field(0, name: nil)]))
        #expect(throws: outOfRange) { try ABI.decode(Prize.self, from: ABI.encode(UInt8(7))) }
    }

    @Test func decodingTakesBytesInPlaceOrFromAnySequence() throws {
        let data = ABI.encode("in place", [Address.zero])
        let fromBuffer = try data.withUnsafeBytes { try ABI.decode((String, [Address]).self, from: $0) }
        let fromSlice = try ABI.decode((String, [Address]).self, from: data[...])
        #expect(fromBuffer == fromSlice && fromSlice.0 == "in place")
        #expect(try ABI.decode(String.self, from: ABI.encode("x") + [1, 2, 3]) == "x", "trailing bytes are ignored")
    }
}
