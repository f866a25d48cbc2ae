import Foundation
import PodiumPrimitives
import PodiumRLP
import Testing

/// Published encodings: the Ethereum wiki's RLP page (also the Yellow Paper's appendix B examples) and the
/// ethereum/tests RLP vectors committed in Vectors/ (see their `_info` entries).
@Suite struct RLPVectorTests {
    static let lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit"

    static func text(_ string: String) -> RLPItem { .bytes(Array(string.utf8)) }

    /// The examples of https://ethereum.org/en/developers/docs/data-structures-and-encoding/rlp/ (once the wiki's).
    static let wikiExamples: [(RLPItem, String)] = [
        (text("dog"), "0x83646f67"),
        (.list([text("cat"), text("dog")]), "0xc88363617483646f67"),
        (text(""), "0x80"),
        (.list([]), "0xc0"),
        (.uint(0), "0x80"),
        (.bytes([0x00]), "0x00"),
        (.bytes([0x0f]), "0x0f"),
        (.bytes([0x04, 0x00]), "0x820400"),
        (.uint(15), "0x0f"),
        (.uint(1024), "0x820400"),
        (.list([.list([]), .list([.list([])]), .list([.list([]), .list([.list([])])])]), "0xc7c0c1c0c3c0c1c0"),
        (text(lorem), "0xb838" + Hex.encode(Array(lorem.utf8), prefix: false)),
    ]

    @Test(arguments: wikiExamples)
    func encodesAndDecodesWikiExamples(item: RLPItem, encoding: String) throws {
        #expect(Hex.encode(item.rlpEncoded()) == encoding)
        #expect(try RLPItem(rlpEncoded: Hex.decode(encoding)) == item)
    }

    /// The valid cases of ethereum/tests RLPTests/rlptest.json, by name.
    static func validVectors() throws -> [(name: String, item: RLPItem, encoding: String)] {
        try vectorFile("rlptest").map { name, test in
            (name, try harnessItem(test["in"] as Any), try #require(test["out"] as? String))
        }
    }

    @Test func encodesAndDecodesEthereumTestsVectors() throws {
        let vectors = try Self.validVectors()
        #expect(vectors.count == 28)
        for (name, item, encoding) in vectors {
            #expect(Hex.encode(item.rlpEncoded()) == encoding, "\(name)")
            #expect(try RLPItem(rlpEncoded: Hex.decode(encoding)) == item, "\(name)")
        }
    }

    /// How each invalid vector must fail; the names are those of ethereum/tests RLPTests/invalidRLPTest.json.
    static let invalidReasons: [String: RLPError] = [
        "int32Overflow": .lengthPastEnd(offset: 0, needed: 9 + 0x0f00_0000_0000_0002, available: 11),
        "int32Overflow2": .lengthPastEnd(offset: 0, needed: 9 + 0x0f00_0000_0000_0002, available: 11),
        "wrongSizeList": .nonCanonicalLongForm(offset: 0),
        "wrongSizeList2": .nonCanonicalLongForm(offset: 0),
        "incorrectLengthInArray": .leadingZeroInLength(offset: 0),
        "randomRLP": .leadingZeroInLength(offset: 4),
        "bytesShouldBeSingleByte00": .nonCanonicalSingleByte(offset: 0),
        "bytesShouldBeSingleByte01": .nonCanonicalSingleByte(offset: 0),
        "bytesShouldBeSingleByte7F": .nonCanonicalSingleByte(offset: 0),
        "leadingZerosInLongLengthArray1": .leadingZeroInLength(offset: 0),
        "leadingZerosInLongLengthArray2": .leadingZeroInLength(offset: 0),
        "leadingZerosInLongLengthList1": .leadingZeroInLength(offset: 0),
        "leadingZerosInLongLengthList2": .leadingZeroInLength(offset: 0),
        "nonOptimalLongLengthArray1": .nonCanonicalLongForm(offset: 0),
        "nonOptimalLongLengthArray2": .nonCanonicalLongForm(offset: 0),
        "nonOptimalLongLengthList1": .nonCanonicalLongForm(offset: 0),
        "nonOptimalLongLengthList2": .nonCanonicalLongForm(offset: 0),
        "emptyEncoding": .emptyInput,
        "lessThanShortLengthArray1": .lengthPastEnd(offset: 0, needed: 2, available: 1),
        "lessThanShortLengthArray2": .lengthPastEnd(offset: 0, needed: 33, available: 32),
        "lessThanShortLengthList1": .lengthPastEnd(offset: 0, needed: 6, available: 4),
        "lessThanShortLengthList2": .lengthPastEnd(offset: 0, needed: 35, available: 8),
        "lessThanLongLengthArray1": .lengthPastEnd(offset: 0, needed: 65540, available: 10),
        "lessThanLongLengthArray2": .lengthPastEnd(offset: 0, needed: 66, available: 18),
        "lessThanLongLengthList1": .lengthPastEnd(offset: 0, needed: 387, available: 3),
        "lessThanLongLengthList2": .lengthPastEnd(offset: 0, needed: .max, available: 17),
    ]

    @Test func rejectsEveryEthereumTestsInvalidVectorWithItsReason() throws {
        let vectors = try Self.vectorFile("invalidRLPTest")
        #expect(Set(vectors.map(\.name)) == Set(Self.invalidReasons.keys))
        for (name, test) in vectors {
            let bytes = try Hex.decode(try #require(test["out"] as? String))
            #expect(throws: Self.invalidReasons[name]!, "\(name)") { try RLPItem(rlpEncoded: bytes) }
        }
    }

    /// The cases of a vectors file, without its `_info` entry.
    static func vectorFile(_ name: String) throws -> [(name: String, test: [String: Any])] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors"))
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try file.filter { $0.key != "_info" }.sorted { $0.key < $1.key }.map { name, test in
            (name, try #require(test as? [String: Any]))
        }
    }

    /// An "in" value by the ethereum/tests harness convention: an array is a list, a number an integer,
    /// "#<decimal>" a big integer, any other string its UTF-8 bytes.
    static func harnessItem(_ value: Any) throws -> RLPItem {
        if let array = value as? [Any] { return .list(try array.map(harnessItem)) }
        if let number = value as? Int { return .uint(UInt64(number)) }
        let string = try #require(value as? String)
        guard string.hasPrefix("#") else { return text(string) }
        // Decimal to big-endian bytes, one digit at a time: bytes = bytes * 10 + digit.
        var bytes: [UInt8] = []
        for digit in string.dropFirst() {
            var carry = try #require(digit.wholeNumberValue)
            for i in bytes.indices.reversed() {
                let value = Int(bytes[i]) * 10 + carry
                (bytes[i], carry) = (UInt8(value & 0xff), value >> 8)
            }
            if carry > 0 { bytes.insert(UInt8(carry), at: 0) }
        }
        return .uint(bigEndianBytes: bytes)
    }
}
