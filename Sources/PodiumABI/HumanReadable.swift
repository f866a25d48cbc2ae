// Human-readable signatures, as Solidity declares them and as ethers, viem and Foundry's `cast` accept them:
//
//   transfer(address,uint256)
//   function transfer(address to, uint256 amount) returns (bool)
//   function balanceOf(address) view returns (uint256)        balanceOf(address)(uint256)   (cast's form)
//   event PrizesDistributed(uint8 indexed prizeType, address[] winners, uint256[] amounts, uint256 timestamp)
//   event Marker(bytes32 indexed id) anonymous
//   error InsufficientBalance(uint256 available, uint256 required)
//   constructor(address owner) payable        fallback() external payable        receive() external payable
//
// Parameters may carry a name, `indexed` (events), and `memory` / `calldata` / `storage` (functions, errors,
// constructors); tuples are written `(uint256 a, (address,bytes) b)[] c` or `tuple(…)`; `address payable` is
// `address`. Visibility and `virtual` / `override` are accepted and ignored.

extension ABIItem {
    /// Parses a human-readable signature of any kind; without a leading keyword it is a function.
    public init(parsing text: some StringProtocol) throws(ABIParseError) {
        var parser = ABIParser(text)
        self = try parser.parseItem(defaultKind: "function")
    }
}

extension ABIFunction {
    /// Parses a function signature, with or without the `function` keyword (see `ABIItem(parsing:)`).
    public init(parsing text: some StringProtocol) throws(ABIParseError) {
        self = try ABIParser.parseItem(text, kind: "function") {
            if case .function(let function) = $0 { function } else { nil }
        }
    }
}

extension ABIFunction {
    /// Parses a function signature as `init(parsing:)` does, and tells whether it declares an output list, empty
    /// or not (`f()()`, `function f() returns ()`), apart from declaring none (`f()`).
    public static func parsingOutputList(_ text: some StringProtocol) throws(ABIParseError) -> (ABIFunction, declaresOutputs: Bool) {
        var parser = ABIParser(text)
        let item = try parser.parseItem(defaultKind: "function")
        guard case .function(let function) = item else {
            throw parser.error(.wrongItemKind(expected: "function", found: item.kind), at: 0)
        }
        return (function, parser.declaredOutputs)
    }
}

extension ABIEvent {
    /// Parses an event signature, with or without the `event` keyword (see `ABIItem(parsing:)`).
    public init(parsing text: some StringProtocol) throws(ABIParseError) {
        self = try ABIParser.parseItem(text, kind: "event") { if case .event(let event) = $0 { event } else { nil } }
    }
}

extension ABIError {
    /// Parses an error signature, with or without the `error` keyword (see `ABIItem(parsing:)`).
    public init(parsing text: some StringProtocol) throws(ABIParseError) {
        self = try ABIParser.parseItem(text, kind: "error") { if case .error(let error) = $0 { error } else { nil } }
    }
}

extension ABIParser {
    /// Keywords that start a named item.
    private static let namedKinds: Set<String> = ["function", "event", "error"]
    /// Keywords that are items of their own, without a name.
    private static let unnamedKinds: Set<String> = ["constructor", "fallback", "receive"]
    /// Function keywords that change nothing in the ABI.
    private static let ignoredModifiers: Set<String> = [
        "external", "public", "internal", "private", "virtual", "override",
    ]

    /// Parses `text` as a signature of `kind` (the kind when no keyword starts it), which `extract` takes out of
    /// the item; an item of another kind is an error.
    static func parseItem<Item>(
        _ text: some StringProtocol, kind: String, _ extract: (ABIItem) -> Item?
    ) throws(ABIParseError) -> Item {
        var parser = ABIParser(text)
        let item = try parser.parseItem(defaultKind: kind)
        guard let extracted = extract(item) else {
            throw parser.error(.wrongItemKind(expected: kind, found: item.kind), at: 0)
        }
        return extracted
    }

    /// Parses a whole signature; `defaultKind` is its kind when no keyword starts it.
    mutating func parseItem(defaultKind: String) throws(ABIParseError) -> ABIItem {
        guard let (first, _) = identifier() else { throw unexpected(expected: "a name or a keyword") }
        var kind = defaultKind
        var name = first
        if Self.unnamedKinds.contains(first) && peek() == UInt8(ascii: "(") {
            kind = first
        } else if Self.namedKinds.contains(first) {
            guard let next = identifier() else { throw unexpected(expected: "a name") }
            kind = first
            name = next.name
        }
        switch kind {
        case "event":
            let inputs = try parseParameterList(in: .eventParameters, nesting: 0)
            var anonymous = false
            if let (word, start) = identifier() {
                guard word == "anonymous" else { throw error(.misplacedKeyword(word), at: start) }
                anonymous = true
            }
            try expectEnd()
            let indexed = inputs.filter(\.indexed).count
            let limit = anonymous ? 4 : 3
            guard indexed <= limit else { throw error(.tooManyIndexed(count: indexed, limit: limit), at: 0) }
            return .event(ABIEvent(name: name, inputs: inputs, anonymous: anonymous))
        case "error":
            let inputs = try parseParameterList(in: .parameters, nesting: 0)
            if let (word, start) = identifier() { throw error(.misplacedKeyword(word), at: start) }
            try expectEnd()
            return .error(ABIError(name: name, inputs: inputs))
        case "constructor":
            let inputs = try parseParameterList(in: .parameters, nesting: 0)
            let (mutability, _) = try parseFunctionTail(allowsOutputs: false)
            return .constructor(ABIConstructor(inputs: inputs, stateMutability: mutability))
        case "fallback":
            _ = try parseParameterList(in: .parameters, nesting: 0)
            let (mutability, _) = try parseFunctionTail(allowsOutputs: true)
            return .fallback(ABIFallback(stateMutability: mutability))
        case "receive":
            _ = try parseParameterList(in: .parameters, nesting: 0)
            _ = try parseFunctionTail(allowsOutputs: false)
            return .receive
        default:
            let inputs = try parseParameterList(in: .parameters, nesting: 0)
            let (mutability, outputs) = try parseFunctionTail(allowsOutputs: true)
            return .function(ABIFunction(name: name, inputs: inputs, outputs: outputs, stateMutability: mutability))
        }
    }

    /// Parses what may follow a function's parameters up to the end: modifiers and `returns (…)`, or cast's
    /// `(outputs)` right after the parameters.
    private mutating func parseFunctionTail(
        allowsOutputs: Bool
    ) throws(ABIParseError) -> (ABIStateMutability, [ABIParameter]) {
        var mutability = ABIStateMutability.nonpayable
        var outputs: [ABIParameter]?
        var sawModifier = false
        while true {
            if allowsOutputs && outputs == nil && !sawModifier && peek() == UInt8(ascii: "(") {
                outputs = try parseParameterList(in: .parameters, nesting: 0)
                continue
            }
            guard let (word, start) = identifier() else { break }
            if let stated = ABIStateMutability(rawValue: word) {
                mutability = stated
                sawModifier = true
            } else if Self.ignoredModifiers.contains(word) {
                sawModifier = true
            } else if word == "returns" && allowsOutputs && outputs == nil {
                outputs = try parseParameterList(in: .parameters, nesting: 0)
            } else {
                throw error(.misplacedKeyword(word), at: start)
            }
        }
        try expectEnd()
        declaredOutputs = outputs != nil
        return (mutability, outputs ?? [])
    }
}
