import PodiumABI
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// Selectors and event topics against well-known values and pycryptodome's Keccak-256 (Tests/oracles/abi.py).
@Suite struct SelectorTests {
    @Test(arguments: [
        ("transfer(address,uint256)", "0xa9059cbb"),
        ("function balanceOf(address owner) view returns (uint256)", "0x70a08231"),
        ("approve(address,uint256)", "0x095ea7b3"),
        ("baz(uint32,bool)", "0xcdcd77c0"),
        ("error Error(string)", "0x08c379a0"),
        ("error Panic(uint256)", "0x4e487b71"),
    ])
    func selectorsMatchWellKnownValues(_ signature: String, _ selector: String) throws {
        let item = try ABIItem(parsing: signature)
        switch item {
        case .function(let function): #expect(function.selector.description == selector)
        case .error(let error): #expect(error.selector.description == selector)
        default: Issue.record("\(signature) is neither a function nor an error")
        }
    }

    @Test func builtInRevertSelectorsAreTheirSignatures() {
        #expect(RevertReason.errorSelector == Selector(signature: "Error(string)"))
        #expect(RevertReason.panicSelector == Selector(signature: "Panic(uint256)"))
    }

    @Test func transferTopicIsTheWellKnownHash() throws {
        let event = try ABIEvent(parsing: "event Transfer(address indexed from, address indexed to, uint256 value)")
        #expect(event.topic0.description == "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")
    }

    @Test func selectorsAndTopicsAgreeWithPycryptodome() throws {
        var generator = SeededGenerator()
        let prizes = try ABIEvent(
            parsing: """
                event PrizesDistributed(uint8 indexed prizeType, address[] winners, uint256[] amounts, uint256 timestamp)
                """)
        let functions = (0..<500).map { i in
            ABIFunction(
                name: "f\(i)",
                inputs: (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                    ABIParameter(type: generator.abiType(depth: 2))
                })
        }
        let signatures = [prizes.signature] + functions.map(\.signature)
        let hashes = try #require(try ABIOracleAnswer.ask(ABIOracleRequest(keccak: signatures)).keccak)
        #expect(prizes.signature == "PrizesDistributed(uint8,address[],uint256[],uint256)")
        #expect(prizes.topic0.description == hashes[0])
        for (function, hash) in zip(functions, hashes.dropFirst()) {
            #expect(
                function.selector.description == String(hash.prefix(10)),
                "\(function.signature), seed \(generator.seed)")
        }
    }

    @Test func selectorsParseAndPrintAsHex() throws {
        let selector = try Selector(hex: "0xA9059CBB")
        #expect(selector == Selector(rawValue: 0xa905_9cbb))
        #expect(selector.bytes == [0xa9, 0x05, 0x9c, 0xbb])
        #expect(selector.description == "0xa9059cbb")
        #expect(throws: HexError.wrongByteCount(expected: 4, actual: 3)) { try Selector(hex: "a9059c") }
    }
}
