import PodiumABI
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// Human-readable signatures: the forms Solidity, ethers and cast write, and what is not allowed in them.
@Suite struct HumanReadableTests {
    @Test func bareSignatureIsAFunction() throws {
        let function = try ABIFunction(parsing: "transfer(address,uint256)")
        #expect(function == ABIFunction(name: "transfer", inputs: [.init(type: .address), .init(type: .uint256)]))
        #expect(function.signature == "transfer(address,uint256)")
    }

    @Test func functionWithNamesAndReturns() throws {
        let function = try ABIFunction(parsing: "function transfer(address to, uint256 amount) returns (bool)")
        #expect(function.name == "transfer")
        #expect(function.inputs == [.init(name: "to", type: .address), .init(name: "amount", type: .uint256)])
        #expect(function.outputs == [.init(type: .bool)])
        #expect(function.stateMutability == .nonpayable)
    }

    @Test func viewFunctionAndCastOutputForm() throws {
        let solidity = try ABIFunction(parsing: "function balanceOf(address) view returns (uint256)")
        #expect(solidity.stateMutability == .view)
        #expect(solidity.outputs.types == [.uint256])
        let cast = try ABIFunction(parsing: "balanceOf(address)(uint256)")
        #expect(cast.inputs.types == [.address])
        #expect(cast.outputs.types == [.uint256])
        #expect(cast.selector == solidity.selector)
    }

    @Test func modifiersAndDataLocationsAreAccepted() throws {
        let function = try ABIFunction(
            parsing: """
                function settle(bytes32 period, address[] calldata winners, string memory note) external payable \
                virtual override returns (uint256 paid, bytes memory receipt)
                """)
        #expect(function.signature == "settle(bytes32,address[],string)")
        #expect(function.stateMutability == .payable)
        #expect(function.outputs.map(\.name) == ["paid", "receipt"])
        #expect(try ABIFunction(parsing: "function pay(address payable to)").inputs.types == [.address])
    }

    @Test func prizesDistributedEvent() throws {
        let event = try ABIEvent(
            parsing: """
                event PrizesDistributed(uint8 indexed prizeType, address[] winners, uint256[] amounts, uint256 timestamp)
                """)
        #expect(event.name == "PrizesDistributed")
        #expect(event.inputs.map(\.indexed) == [true, false, false, false])
        #expect(event.inputs.map(\.name) == ["prizeType", "winners", "amounts", "timestamp"])
        #expect(event.signature == "PrizesDistributed(uint8,address[],uint256[],uint256)")
        #expect(!event.anonymous)
        #expect(
            try ABIEvent(parsing: "PrizesDistributed(uint8 indexed,address[],uint256[],uint256)")
                == ABIEvent(
                    name: event.name, inputs: event.inputs.map { ABIParameter(type: $0.type, indexed: $0.indexed) }))
    }

    @Test func anonymousEvent() throws {
        let event = try ABIEvent(parsing: "event Marker(bytes32 indexed id, string note) anonymous")
        #expect(event.anonymous)
        #expect(event.topicCount == 1)
    }

    @Test func customError() throws {
        let error = try ABIError(parsing: "error InsufficientBalance(uint256 available, uint256 required)")
        #expect(error.inputs == [.init(name: "available", type: .uint256), .init(name: "required", type: .uint256)])
        #expect(error.signature == "InsufficientBalance(uint256,uint256)")
    }

    @Test func tupleParametersKeepTheirComponentNames() throws {
        let function = try ABIFunction(parsing: "function f((uint256 a, (address,bytes) b)[] c, tuple(bool ok) d)")
        #expect(function.signature == "f((uint256,(address,bytes))[],(bool))")
        let c = function.inputs[0]
        #expect(c.name == "c")
        #expect(c.type == .array(.tuple([.uint256, .tuple([.address, .bytes])])))
        #expect(c.components.map(\.name) == ["a", "b"])
        #expect(c.components[1].components.map(\.type) == [.address, .bytes])
        #expect(function.inputs[1].components == [ABIParameter(name: "ok", type: .bool)])
    }

    @Test func specialFunctions() throws {
        #expect(
            try ABIItem(parsing: "constructor(address owner, uint256 cap) payable")
                == .constructor(
                    ABIConstructor(
                        inputs: [.init(name: "owner", type: .address), .init(name: "cap", type: .uint256)],
                        stateMutability: .payable)))
        #expect(
            try ABIItem(parsing: "fallback() external payable") == .fallback(ABIFallback(stateMutability: .payable)))
        #expect(try ABIItem(parsing: "receive() external payable") == .receive)
        #expect(try ABIItem(parsing: "event Ping()") == .event(ABIEvent(name: "Ping")))
        #expect(try ABIItem(parsing: "error Unauthorized()") == .error(ABIError(name: "Unauthorized")))
    }

    /// Signatures that mean nothing, where the problem starts, and why.
    @Test(arguments: [
        ("function f(uint256 indexed x)", 19, ABIParseError.Reason.misplacedKeyword("indexed")),
        ("event E(uint256 memory x)", 16, .misplacedKeyword("memory")),
        ("function f(uint256 a b)", 21, .unexpectedCharacter("b", expected: "',' or ')'")),
        ("function f() anonymous", 13, .misplacedKeyword("anonymous")),
        ("event E(uint256) view", 17, .misplacedKeyword("view")),
        ("function f() returns (bool) returns (bool)", 28, .misplacedKeyword("returns")),
        ("error E(uint256) returns (bool)", 17, .misplacedKeyword("returns")),
        ("function f(uint7 x)", 11, .invalidIntegerWidth("uint7")),
        ("function f(MyStruct s)", 11, .unknownType("MyStruct")),
        ("function f(uint256", 18, .unexpectedEnd(expected: "',' or ')'")),
        ("f(uint256))", 10, .unexpectedCharacter(")", expected: "end of input")),
        ("(uint256)", 0, .unexpectedCharacter("(", expected: "a name or a keyword")),
        ("function (uint256)", 9, .unexpectedCharacter("(", expected: "a name")),
        ("event", 5, .unexpectedEnd(expected: "a name")),
        ("function f((uint256 a, (address,bytes) b)[0] c)", 42, .zeroLengthArray),
    ])
    func badSignaturesAreRejectedWithPositionAndReason(_ text: String, _ position: Int, _ reason: ABIParseError.Reason)
    {
        #expect(throws: ABIParseError(input: text, position: position, reason: reason)) { try ABIItem(parsing: text) }
    }

    @Test func askingForTheWrongKindFails() {
        #expect(
            throws: ABIParseError(
                input: "event E()", position: 0, reason: .wrongItemKind(expected: "function", found: "event"))
        ) {
            try ABIFunction(parsing: "event E()")
        }
        #expect(
            throws: ABIParseError(
                input: "function f()", position: 0, reason: .wrongItemKind(expected: "error", found: "function"))
        ) {
            try ABIError(parsing: "function f()")
        }
    }

    @Test func randomTokenSoupNeverTrapsTheParsers() throws {
        var generator = SeededGenerator()
        let tokens = [
            "(", ")", "[", "]", ",", " ", "uint", "uint8", "int256", "bytes", "bytes32", "string", "address", "tuple",
            "function", "event", "error", "indexed", "memory", "returns", "view", "anonymous", "x", "0", "2", "1",
            "payable", "constructor", "€", "\u{0}",
        ]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...16, using: &generator)).map { _ in
                tokens.randomElement(using: &generator)!
            }.joined()
            _ = try? ABIType(parsing: text)
            _ = try? ABIItem(parsing: text)
            if let type = try? ABIType(parsing: text) {
                #expect(try ABIType(parsing: type.canonicalName) == type, "\(text), seed \(generator.seed)")
            }
        }
    }
}
