import Foundation
import PodiumPrimitives
import PodiumTestSupport
import Testing

@Suite struct AddressTests {
    /// The non-comment lines of a text file in Vectors/.
    static func vectorLines(_ name: String) throws -> [String] {
        try PodiumTestSupport.vectorLines(name, in: .module).map(String.init)
    }

    /// `text` with the letter at `index` in the other case.
    static func flippingCase(_ text: String, at index: Int) -> String {
        var characters = Array(text)
        let character = characters[index]
        characters[index] = Character(character.isUppercase ? character.lowercased() : character.uppercased())
        return String(characters)
    }

    // MARK: EIP-55

    @Test(arguments: try vectorLines("address-eip55"))
    func printsEIP55VectorsWhateverTheInputCase(vector: String) async throws {
        let digits = vector.dropFirst(2)
        for input in [vector, "0x" + digits.lowercased(), "0x" + digits.uppercased(), String(digits)] {
            let address = try Address(hex: input)
            #expect(address.description == vector, "from \(input)")
            #expect(address.lowercaseHex == vector.lowercased())
        }
    }

    @Test(arguments: try vectorLines("address-eip55"))
    func rejectsMixedCaseThatIsNotTheChecksum(vector: String) async throws {
        let address = try Address(hex: vector)
        var rejected = 0
        for index in 2..<42 where Array(vector)[index].isLetter {
            let flipped = Self.flippingCase(vector, at: index)
            let digits = flipped.dropFirst(2)
            guard digits != digits.lowercased() && digits != digits.uppercased() else { continue }
            #expect(throws: AddressError.invalidChecksum(expected: address)) { try Address(hex: flipped) }
            #expect(try Address(hex: flipped, checksum: .ignore) == address)
            rejected += 1
        }
        #expect(rejected > 0)
    }

    struct ChecksumRequest: Encodable {
        let checksum: [String]
    }

    struct ChecksumAnswer: Decodable {
        let checksum: [String]
    }

    @Test func checksumsMatchPythonOnRandomAddresses() async throws {
        var generator = SeededGenerator()
        let addresses = try [Address.zero, Address([UInt8](repeating: 0xff, count: 20))]
            + (0..<3000).map { _ in try Address(generator.bytes(20)) }
        let answer = try await PythonOracle.call(
            "address", ChecksumRequest(checksum: addresses.map { String($0.lowercaseHex.dropFirst(2)) }),
            as: ChecksumAnswer.self)
        #expect(answer.checksum.count == addresses.count)
        for (address, expected) in zip(addresses, answer.checksum) {
            #expect(address.description == expected, "seed \(generator.seed)")
            #expect(try Address(hex: expected) == address, "seed \(generator.seed)")
        }
    }

    // MARK: Parsing

    static let valid = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"

    @Test(arguments: try [
        ("", AddressError.wrongLength(digits: 0)),
        ("0x", .wrongLength(digits: 0)),
        (String(valid.dropLast()), .wrongLength(digits: 39)),
        (valid + "0", .wrongLength(digits: 41)),
        ("0x" + valid, .invalidCharacter("x", offset: 3)),
        ("0x5aAeb6g53F3E94C9b9A09f33669435E7Ef1BeAed", .invalidCharacter("g", offset: 8)),
        (valid + " ", .invalidCharacter(" ", offset: 42)),
        (" " + valid, .invalidCharacter(" ", offset: 0)),
        ("hello", .invalidCharacter("h", offset: 0)),
        ("0x5é", .invalidCharacter("é", offset: 3)),
        ("0x5\u{301}aeb", .invalidCharacter("5\u{301}", offset: 2)),
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", .invalidChecksum(expected: Address(hex: valid))),
    ])
    func parseRejectsMalformedTextWithItsReason(text: String, error: AddressError) {
        #expect(throws: error) { try Address(hex: text) }
        #expect(throws: error) { try Address(hex: text[...]) }
    }

    @Test func parseAcceptsEitherPrefixOrNone() async throws {
        let address = try Address(hex: Self.valid)
        #expect(try Address(hex: "0X" + Self.valid.dropFirst(2)) == address)
        #expect(try Address(hex: Self.valid.dropFirst(2)) == address)
        #expect(Address(Self.valid) == address)
        #expect(Address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD") == nil)
    }

    @Test func errorsDescribeThemselvesInOneLine() async throws {
        #expect(AddressError.invalidChecksum(expected: try Address(hex: Self.valid)).description
            == "invalid EIP-55 checksum: expected 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
        #expect(AddressError.wrongLength(digits: 39).description == "an address is 40 hex digits, got 39")
        #expect(AddressError.invalidCharacter("g", offset: 8).description
            == "invalid hex character \"g\" at offset 8 in address")
        #expect(AddressError.wrongByteCount(19).description == "an address is 20 bytes, got 19")
    }

    // MARK: Bytes and words

    @Test func holdsTwentyBytesInline() async throws {
        #expect(MemoryLayout<Address>.size == 20)
        var generator = SeededGenerator()
        for _ in 0..<200 {
            let bytes = generator.bytes(20)
            let address = try Address(bytes)
            #expect(address.bytes == bytes, "seed \(generator.seed)")
            #expect(address.lowercaseHex == Hex.encode(bytes), "seed \(generator.seed)")
        }
        #expect(Address.zero.bytes == [UInt8](repeating: 0, count: 20))
        #expect(Address.zero.description == "0x" + String(repeating: "0", count: 40))
        #expect(throws: AddressError.wrongByteCount(19)) { try Address([UInt8](repeating: 1, count: 19)) }
        #expect(throws: AddressError.wrongByteCount(21)) { try Address([UInt8](repeating: 1, count: 21)) }
    }

    @Test func convertsToAndFromThirtyTwoByteWords() async throws {
        var generator = SeededGenerator()
        for _ in 0..<200 {
            let bytes = generator.bytes(32)
            let word = try Bytes32(bytes)
            let address = Address(truncating: word)
            #expect(address.bytes == Array(bytes[12...]), "seed \(generator.seed)")
            #expect(address.word.bytes == [UInt8](repeating: 0, count: 12) + bytes[12...], "seed \(generator.seed)")
            #expect(Address(exactly: address.word) == address, "seed \(generator.seed)")
        }
        for index in 0..<12 {
            var bytes = [UInt8](repeating: 0, count: 32)
            bytes[index] = 1
            #expect(Address(exactly: try Bytes32(bytes)) == nil, "byte \(index) set")
        }
    }

    @Test func ordersByBytes() async throws {
        var generator = SeededGenerator()
        // Shared prefixes of every length, so the order is decided in each of the three stored integers.
        let base = generator.bytes(20)
        let addresses = try (0..<500).map { _ in
            let keep = Int.random(in: 0...20, using: &generator)
            return try Address(base.prefix(keep) + generator.bytes(20 - keep))
        }
        let sorted = addresses.sorted()
        #expect(sorted.map(\.bytes) == addresses.map(\.bytes).sorted { $0.lexicographicallyPrecedes($1) },
                "seed \(generator.seed)")
        #expect(sorted.map(\.lowercaseHex) == addresses.map(\.lowercaseHex).sorted(), "seed \(generator.seed)")
        #expect(Set(addresses).count == Set(addresses.map(\.bytes)).count)
    }

    @Test func codesAsTheChecksummedString() async throws {
        let address = try Address(hex: Self.valid.lowercased())
        let json = try JSONEncoder().encode([address])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(Self.valid)\"]")
        #expect(try JSONDecoder().decode([Address].self, from: json) == [address])
        let badChecksum = Data("[\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD\"]".utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Address].self, from: badChecksum) }
    }

    // MARK: CREATE2

    @Test(arguments: try vectorLines("address-eip1014"))
    func create2MatchesEIP1014Examples(line: String) async throws {
        let fields = line.split(separator: " ")
        let deployer = try Address(hex: fields[0]), salt = try Bytes32(hex: fields[1])
        let initCode = try Hex.decode(fields[2])
        let expected = try Address(hex: fields[3])
        #expect(Address.create2(deployer: deployer, salt: salt, initCode: initCode) == expected)
        #expect(Address.create2(deployer: deployer, salt: salt, initCodeHash: Keccak256.hash(initCode)) == expected)
    }

    struct Create2Case: Encodable {
        let deployer: String
        let salt: String
        let initCode: String
    }

    struct Create2Request: Encodable {
        let create2: [Create2Case]
    }

    struct Create2Answer: Decodable {
        let create2: [String]
    }

    @Test func create2MatchesPythonOnRandomInput() async throws {
        var generator = SeededGenerator()
        let cases = try (0..<400).map { _ in
            (try Address(generator.bytes(20)), try Bytes32(generator.bytes(32)),
             generator.bytes(Int.random(in: 0...300, using: &generator)))
        }
        let request = Create2Request(create2: cases.map {
            Create2Case(deployer: $0.0.lowercaseHex, salt: $0.1.description, initCode: Hex.encode($0.2))
        })
        let answer = try await PythonOracle.call("address", request, as: Create2Answer.self)
        for ((deployer, salt, initCode), expected) in zip(cases, answer.create2) {
            let computed = Address.create2(deployer: deployer, salt: salt, initCode: initCode)
            #expect(computed.lowercaseHex == expected, "seed \(generator.seed)")
        }
    }
}
