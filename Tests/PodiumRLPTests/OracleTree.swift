import PodiumPrimitives
import PodiumRLP
import PodiumTestSupport

/// An RLP item as the Python oracle (Tests/oracles/rlp.py) writes it in JSON: a "0x"-hex string or an array.
/// Converted to and from `RLPItem` here with `Hex`, independently of `RLPItem(json:)` and `RLPItem.json`.
indirect enum OracleTree: Codable, Equatable, Sendable {
    case hex(String)
    case list([OracleTree])

    init(_ item: RLPItem) {
        switch item {
        case .bytes(let bytes): self = .hex(Hex.encode(bytes))
        case .list(let items): self = .list(items.map(OracleTree.init))
        }
    }

    func item() throws -> RLPItem {
        switch self {
        case .hex(let text): .bytes(try Hex.decode(text, requirePrefix: true))
        case .list(let trees): .list(try trees.map { try $0.item() })
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .hex(text)
        } else {
            self = .list(try container.decode([OracleTree].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .hex(let text): try container.encode(text)
        case .list(let trees): try container.encode(trees)
        }
    }
}

/// What `Tests/oracles/rlp.py` answers; each field is present when the request asked for it.
struct RLPOracleAnswer: Decodable {
    struct Decoded: Decodable {
        let item: OracleTree?
        let error: String?
    }

    struct JSONText: Decodable {
        let compact: String
        let pretty: String
    }

    var encode: [String]?
    var decode: [Decoded]?
    var integers: [String]?
    var json: [JSONText]?
}

/// A request to `Tests/oracles/rlp.py`.
struct RLPOracleRequest: Encodable {
    var encode: [OracleTree]?
    var decode: [String]?
    var integers: [UInt64]?
    var json: [OracleTree]?
}

extension SeededGenerator {
    /// A random item up to `depth` lists deep, with byte-string lengths around every RLP size boundary
    /// (1 byte below and above 0x80, 55/56 bytes, 255/256 bytes) and lists whose payloads cross 56 bytes.
    mutating func rlpItem(depth: Int) -> RLPItem {
        if depth > 0 && Int.random(in: 0..<3, using: &self) == 0 {
            let count = [0, 1, 2, 3, 5, 8, 20][Int.random(in: 0..<7, using: &self)]
            return .list((0..<count).map { _ in rlpItem(depth: depth - 1) })
        }
        let count = switch Int.random(in: 0..<10, using: &self) {
        case 0: 0
        case 1, 2: 1
        case 3: [54, 55, 56, 57][Int.random(in: 0..<4, using: &self)]
        case 4: [255, 256, 1024][Int.random(in: 0..<3, using: &self)]
        default: Int.random(in: 2..<40, using: &self)
        }
        return .bytes(bytes(count))
    }
}
