import Foundation
import PodiumABI
import PodiumPrimitives
import Testing

/// The Solidity documentation's worked examples (Vectors/solidity-abi-spec-examples.txt), checked both ways:
/// encode == fixture, decode == values, re-encode == fixture, size == fixture size.
@Suite struct SpecExampleTests {
    /// One example of the vector file.
    struct Example: CustomTestStringConvertible, Sendable {
        /// `baz(uint32,bool)` for a call, `int16,bytes1,…` for packed arguments.
        let title: String
        let isPacked: Bool
        let types: [ABIType]
        let values: [ABIValue]
        let selector: String?
        let encoding: [UInt8]

        var testDescription: String { title }
    }

    static func examples() throws -> [Example] {
        let url = try #require(
            Bundle.module.url(forResource: "solidity-abi-spec-examples", withExtension: "txt", subdirectory: "Vectors"))
        let blocks = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n\n")
        return try blocks.compactMap { block in
            let lines = block.split(separator: "\n").filter { line in !line.hasPrefix("#") }
            guard let first = lines.first else { return nil }
            func field(_ name: String) -> String? {
                lines.first { line in line.hasPrefix(name + " ") }.map { line in String(line.dropFirst(name.count + 1))
                }
            }
            let title = String(first.drop { character in character != " " }.dropFirst())
            let isPacked = first.hasPrefix("packed ")
            let types =
                isPacked
                ? try title.split(separator: ",").map { name in try ABIType(parsing: name) }
                : try ABIFunction(parsing: title).inputs.types
            let json = try #require(field("values"))
            let oracleValues = try JSONDecoder().decode([OracleValue].self, from: Data(json.utf8))
            let words = lines.filter { line in line.allSatisfy(\.isHexDigit) }
            return Example(
                title: title, isPacked: isPacked, types: types,
                values: try zip(types, oracleValues).map { type, value in try value.value(of: type) },
                selector: field("selector"), encoding: try Hex.decode(words.joined()))
        }
    }

    @Test(arguments: try examples().filter { !$0.isPacked })
    func callEncodesAndDecodesAsDocumented(_ example: Example) throws {
        let function = try ABIFunction(parsing: example.title)
        #expect(function.selector.description == "0x" + (example.selector ?? ""))
        #expect(example.encoding.count % 32 == 0)
        let encoded = try ABIEncoder.encode(example.values, as: example.types)
        #expect(encoded == example.encoding)
        #expect(try ABIEncoder.encodedSize(of: example.values, as: example.types) == example.encoding.count)
        let decoded = try ABIDecoder.decode(example.encoding, as: example.types)
        #expect(decoded == example.values)
        #expect(try ABIEncoder.encode(decoded, as: example.types) == example.encoding)
        let calldata = try function.encodeCall(example.values)
        #expect(calldata == function.selector.bytes + example.encoding)
        #expect(try function.decodeCall(calldata) == example.values)
    }

    @Test(arguments: try examples().filter(\.isPacked))
    func packedArgumentsEncodeAsDocumented(_ example: Example) throws {
        #expect(try ABIEncoder.encodePacked(example.values, as: example.types) == example.encoding)
    }

    @Test func theFileHoldsEveryDocumentedExample() throws {
        #expect(
            try Self.examples().map(\.title) == [
                "baz(uint32,bool)", "bar(bytes3[2])", "sam(bytes,bool,uint256[])", "f(uint256,uint32[],bytes10,bytes)",
                "g(uint256[][],string[])", "int16,bytes1,uint16,string",
            ])
    }
}
