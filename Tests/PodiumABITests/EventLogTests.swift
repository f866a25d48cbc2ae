import PodiumABI
import PodiumPrimitives
import Testing

/// Log decoding (Solidity ABI spec, "Events") on data eth-abi encodes, and the topics of indexed values
/// ("Encoding of Indexed Event Parameters") hashed by pycryptodome.
@Suite struct EventLogTests {
    static let prizes = try! ABIEvent(
        parsing: """
            event PrizesDistributed(uint8 indexed prizeType, address[] winners, uint256[] amounts, uint256 timestamp)
            """)
    static let winners = ["0x1111111111111111111111111111111111111111", "0x2222222222222222222222222222222222222222"]

    /// PrizesDistributed's data for two winners, as eth-abi encodes it.
    static func prizesData() throws -> [UInt8] {
        let answer = try ABIOracleAnswer.ask(
            ABIOracleRequest(encode: [
                .init(
                    types: ["address[]", "uint256[]", "uint256"],
                    values: [
                        .list(winners.map(OracleValue.text)), .list([.text("4000"), .text("2400")]),
                        .text("1763683200"),
                    ])
            ]))
        return try Hex.decode(try #require(answer.encode?.first?.hex))
    }

    @Test func prizesDistributedLogDecodesFromTopicsAndData() throws {
        let topics = [Self.prizes.topic0, Bytes32(UInt256(1))]
        let log = try Self.prizes.decodeLog(topics: topics, data: try Self.prizesData())
        #expect(
            log.values == [
                .uint(UInt256(1), bits: 8),
                .array(try Self.winners.map { .address(try Address(hex: $0)) }),
                .array([.uint256(UInt256(4000)), .uint256(UInt256(2400))]),
                .uint256(UInt256(1_763_683_200)),
            ])
        #expect(log["prizeType"] == .uint(UInt256(1), bits: 8))
        #expect(log["timestamp"]?.uintValue == UInt256(1_763_683_200))
        #expect(log["nothing"] == nil)
    }

    @Test func topicsAreCheckedBeforeTheData() throws {
        let data = try Self.prizesData()
        #expect(throws: ABIDecodingError(.topicCountMismatch(expected: 2, found: 1), offset: 0)) {
            try Self.prizes.decodeLog(topics: [Self.prizes.topic0], data: data)
        }
        let transferTopic = Keccak256.hash("Transfer(address,address,uint256)")
        #expect(
            throws: ABIDecodingError(
                .eventSignatureMismatch(expected: Self.prizes.topic0, found: transferTopic), offset: 0, topic: 0)
        ) {
            try Self.prizes.decodeLog(topics: [transferTopic, Bytes32(UInt256(1))], data: data)
        }
        // An indexed uint8 is as strict in its topic as in data.
        #expect(
            throws: ABIDecodingError(
                .valueOutOfRange(.uint(8)), offset: 0, path: ABIPath([.field(0, name: "prizeType")]), topic: 1)
        ) {
            try Self.prizes.decodeLog(topics: [Self.prizes.topic0, Bytes32(UInt256(256))], data: data)
        }
    }

    @Test func dataErrorsNameTheParameterAmongAll() throws {
        var data = try Self.prizesData()
        // The head is three words; winners' length is word 3, winners[1] word 5: dirty its padding.
        data[32 * 5 + 5] = 1
        #expect {
            try Self.prizes.decodeLog(topics: [Self.prizes.topic0, Bytes32(UInt256(0))], data: data)
        } throws: { error in
            let error = error as? ABIDecodingError
            return error?.reason == .dirtyPadding(.address) && error?.path.description == "winners[1]"
                && error?.path.components.first == .field(1, name: "winners") && error?.offset == 32 * 5
        }
    }

    @Test func anonymousEventsHaveNoSignatureTopic() throws {
        let event = try ABIEvent(parsing: "event Paid(address indexed to, uint256 amount) anonymous")
        let to = try Address(hex: "0x3333333333333333333333333333333333333333")
        let log = try event.decodeLog(topics: [to.word], data: UInt256(5).bigEndianBytes)
        #expect(log.values == [.address(to), .uint256(UInt256(5))])
        #expect(throws: ABIDecodingError(.topicCountMismatch(expected: 1, found: 2), offset: 0)) {
            try event.decodeLog(topics: [event.topic0, to.word], data: UInt256(5).bigEndianBytes)
        }
    }

    @Test func indexedDynamicValuesStayHashed() throws {
        let event = try ABIEvent(
            parsing: "event PeriodClosed(string indexed label, uint256[] indexed ids, uint256 total)")
        let labelHash = try ABIType.string.topic(for: .string("2026-W47"))
        let idsHash = try ABIType.array(.uint256).topic(for: .array([.uint256(UInt256(7)), .uint256(UInt256(8))]))
        let log = try event.decodeLog(topics: [event.topic0, labelHash, idsHash], data: UInt256(9).bigEndianBytes)
        #expect(log.values == [.fixedBytes(labelHash, size: 32), .fixedBytes(idsHash, size: 32), .uint256(UInt256(9))])
    }

    @Test func topicsOfIndexedValuesFollowTheSpecEncoding() throws {
        // Pre-images written out by hand from the spec's rules, hashed by pycryptodome.
        func word(_ n: UInt64) -> String { Hex.encode(UInt256(n).bigEndianBytes, prefix: false) }
        let padded = { (text: String) in
            Hex.encode(Array(text.utf8) + [UInt8](repeating: 0, count: (32 - text.utf8.count % 32) % 32), prefix: false)
        }
        let cases: [(ABIType, ABIValue, String)] = [
            (.string, .string("2026-W47"), Hex.encode(Array("2026-W47".utf8))),
            (.bytes, .bytes([]), "0x"),
            (.array(.uint256), .array([.uint256(UInt256(7)), .uint256(UInt256(8))]), "0x" + word(7) + word(8)),
            (.array(.string), .array([.string("a"), .string("")]), "0x" + padded("a")),
            (
                try ABIType(parsing: "(string,uint256,bool[2])"),
                .tuple([.string("abc"), .uint256(UInt256(5)), .fixedArray([.bool(true), .bool(false)])]),
                "0x" + padded("abc") + word(5) + word(1) + word(0)
            ),
            (
                try ABIType(parsing: "(int8,bytes2)[]"),
                .array([.tuple([.int(Int256(-1), bits: 8), ABIValue(fixedBytes: [0xab, 0xcd])])]),
                "0x" + String(repeating: "f", count: 64) + "abcd" + String(repeating: "0", count: 60)
            ),
        ]
        let hashes = try #require(try ABIOracleAnswer.ask(ABIOracleRequest(keccakHex: cases.map(\.2))).keccakHex)
        for ((type, value, preimage), hash) in zip(cases, hashes) {
            #expect(try type.topic(for: value).description == hash, "\(type) with pre-image \(preimage)")
        }
        // Value types are their word, unhashed.
        #expect(try ABIType.int(16).topic(for: .int(Int256(-2), bits: 16)) == Bytes32(UInt256.max - UInt256(1)))
        #expect(
            try ABIType.fixedBytes(2).topic(for: ABIValue(fixedBytes: [0xab, 0xcd])).description == "0xabcd"
                + String(repeating: "0", count: 60))
    }
}

/// `PrizesDistributed` on the typed path (`ABIEventType`), on the same eth-abi data and the same faults as the
/// dynamic decoder above: the same values, and the same errors naming the same parameters.
@Suite struct TypedEventTests {
    struct PrizesDistributed: ABIEventType, Equatable {
        static let event = EventLogTests.prizes
        var prizeType: UInt8
        var winners: [Address]
        var amounts: [UInt256]
        var timestamp: UInt256

        init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
            prizeType = try topics.next()
            (winners, amounts, timestamp) = try ABI.decode(([Address], [UInt256], UInt256).self, from: data)
        }
    }

    let address = Address.zero

    @Test func decodesTheEthAbiData() throws {
        let log = ChainLog(address: address, topics: [PrizesDistributed.topic0, Bytes32(UInt256(1))], data: try EventLogTests.prizesData())
        let event = try PrizesDistributed(log: log)
        #expect(event.prizeType == 1)
        #expect(event.winners == (try EventLogTests.winners.map { try Address(hex: $0) }))
        #expect(event.amounts == [4000, 2400] && event.timestamp == 1_763_683_200)
    }

    @Test func failsAsTheDynamicDecoderDoes() throws {
        let data = try EventLogTests.prizesData()
        var dirty = data
        dirty[32 * 5 + 5] = 1
        let transferTopic = Keccak256.hash("Transfer(address,address,uint256)")
        let faults: [(topics: [Bytes32], data: [UInt8])] = [
            ([PrizesDistributed.topic0], data),
            ([PrizesDistributed.topic0, Bytes32(UInt256(1)), Bytes32(UInt256(1))], data),
            ([transferTopic, Bytes32(UInt256(1))], data),
            ([PrizesDistributed.topic0, Bytes32(UInt256(256))], data),
            ([PrizesDistributed.topic0, Bytes32(UInt256(0))], dirty),
            ([PrizesDistributed.topic0, Bytes32(UInt256(0))], Array(data.prefix(100))),
        ]
        for (topics, data) in faults {
            let dynamic = #expect(throws: ABIDecodingError.self) { try EventLogTests.prizes.decodeLog(topics: topics, data: data) }
            let typed = #expect(throws: ABIDecodingError.self) {
                try PrizesDistributed(log: ChainLog(address: address, topics: topics, data: data))
            }
            #expect(typed == dynamic, "topics \(topics.count), data \(data.count) bytes")
        }
    }
}

/// Log filters built from indexed values (`ABIEvent.topicFilter`): each topic as eth-abi encodes the value's word,
/// or as pycryptodome hashes a string's bytes, and the signature hash first.
@Suite struct TopicFilterTests {
    @Test func filtersHoldTheSpecTopicsOfTheValues() throws {
        let transfer = try ABIEvent(parsing: "event Transfer(address indexed from, address indexed to, uint256 value)")
        let tagged = try ABIEvent(parsing: "event Tagged(string indexed tag, int16 indexed delta, bytes32 id)")
        let holders = ["0x1111111111111111111111111111111111111111", "0x00000000000000000000000000000000000000ff"]
        let answer = try ABIOracleAnswer.ask(ABIOracleRequest(
            keccak: ["Transfer(address,address,uint256)", "Tagged(string,int16,bytes32)", "hello"],
            encode: holders.map { .init(types: ["address"], values: [.text($0)]) }
                + [.init(types: ["int16"], values: [.text("-2")])]))
        let hashes = try #require(answer.keccak).map { try Bytes32(hex: $0) }
        let words = try #require(answer.encode).map { try Bytes32(hex: try #require($0.hex)) }

        let addresses = try holders.map { ABIValue.address(try Address(hex: $0)) }
        #expect(try transfer.topicFilter([addresses]) == [[hashes[0]], [words[0], words[1]]])
        #expect(try transfer.topicFilter([nil, [addresses[1]]]) == [[hashes[0]], nil, [words[1]]])
        #expect(try transfer.topicFilter([[addresses[0]], nil]) == [[hashes[0]], [words[0]]])
        #expect(try transfer.topicFilter() == [[hashes[0]]])
        #expect(try tagged.topicFilter([[.string("hello")], [.int(Int256(-2), bits: 16)]]) == [[hashes[1]], [hashes[2]], [words[2]]])

        // A value that does not fit its parameter, and a position past the indexed ones, are errors.
        #expect(throws: ABIEncodingError.self) { try tagged.topicFilter([nil, [.int(Int256(40_000), bits: 16)]]) }
        #expect(throws: ABIEncodingError.self) { try transfer.topicFilter([nil, nil, [.uint256(UInt256(1))]]) }
    }
}
