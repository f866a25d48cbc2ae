/// A value as the Python oracles and vector files write ABI values in JSON: integers as decimal strings, addresses
/// and bytes as 0x-hex, strings as text (all `.text`), booleans, and arrays and tuples as JSON arrays.
public indirect enum OracleJSON: Codable, Hashable, Sendable {
    case text(String)
    case bool(Bool)
    case list([OracleJSON])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let truth = try? container.decode(Bool.self) {
            self = .bool(truth)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .list(try container.decode([OracleJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .bool(let truth): try container.encode(truth)
        case .list(let items): try container.encode(items)
        }
    }
}
