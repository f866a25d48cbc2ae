import PodiumABI
import PodiumPrimitives
import PodiumTestSupport

/// An ABI value as the Python oracle (Tests/oracles/abi.py) and the vector files write it in JSON. Converted to
/// and from `ABIValue` here with the primitives' parsers, independently of the codec under test.
typealias OracleValue = OracleJSON

extension OracleJSON {
    /// The JSON form of `value`.
    init(_ value: ABIValue) {
        switch value {
        case .uint(let number, _): self = .text(number.description)
        case .int(let number, _): self = .text(number.description)
        case .address(let address): self = .text(address.lowercaseHex)
        case .bool(let truth): self = .bool(truth)
        case .fixedBytes(let word, let size): self = .text(Hex.encode(word.bytes.prefix(size)))
        case .function(let address, let selector): self = .text(Hex.encode(address.bytes + selector.bytes))
        case .bytes(let bytes): self = .text(Hex.encode(bytes))
        case .string(let text): self = .text(text)
        case .array(let elements), .fixedArray(let elements), .tuple(let elements):
            self = .list(elements.map(OracleValue.init))
        }
    }

    /// The `ABIValue` of `type` this JSON stands for.
    func value(of type: ABIType) throws -> ABIValue {
        switch (type, self) {
        case (.uint(let bits), .text(let text)): return .uint(try UInt256(decimal: text), bits: bits)
        case (.int(let bits), .text(let text)): return .int(try Int256(decimal: text), bits: bits)
        case (.address, .text(let text)): return .address(try Address(hex: text))
        case (.bool, .bool(let truth)): return .bool(truth)
        case (.fixedBytes(let size), .text(let text)):
            return ABIValue(fixedBytes: try Hex.decode(text, count: size))
        case (.function, .text(let text)):
            let bytes = try Hex.decode(text, count: 24)
            return .function(try Address(bytes[..<20]), try Selector(hex: Hex.encode(bytes[20...])))
        case (.bytes, .text(let text)): return .bytes(try Hex.decode(text, requirePrefix: true))
        case (.string, .text(let text)): return .string(text)
        case (.array(let element), .list(let items)): return .array(try items.map { try $0.value(of: element) })
        case (.fixedArray(let element, _), .list(let items)):
            return .fixedArray(try items.map { try $0.value(of: element) })
        case (.tuple(let components), .list(let items)):
            return .tuple(try zip(components, items).map { try $1.value(of: $0) })
        default:
            throw OracleMismatch(description: "JSON \(self) does not fit \(type)")
        }
    }
}

/// A JSON value that does not fit the type it is read as.
struct OracleMismatch: Error, CustomStringConvertible {
    let description: String
}

/// A request to `Tests/oracles/abi.py`; each field present asks for one kind of answer.
struct ABIOracleRequest: Encodable {
    struct Values: Encodable {
        let types: [String]
        let values: [OracleValue]
    }

    struct Data: Encodable {
        let types: [String]
        let hex: String
    }

    var keccak: [String]?
    var keccakHex: [String]?
    var encode: [Values]?
    var decode: [Data]?
    var packed: [Values]?
}

/// What `Tests/oracles/abi.py` answers; each field is present when the request asked for it.
struct ABIOracleAnswer: Decodable {
    struct Encoded: Decodable {
        let hex: String?
        let error: String?
    }

    struct Decoded: Decodable {
        let values: [OracleValue]?
        let error: String?
    }

    let keccak: [String]?
    let keccakHex: [String]?
    let encode: [Encoded]?
    let decode: [Decoded]?
    let packed: [Encoded]?

    /// Asks the oracle.
    static func ask(_ request: ABIOracleRequest) throws -> ABIOracleAnswer {
        try PythonOracle.call("abi", request, as: ABIOracleAnswer.self)
    }
}
