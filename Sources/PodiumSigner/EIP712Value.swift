/// A JSON value in typed data (EIP-712's JSON form: `types`, `primaryType`, `domain`, `message`).
///
/// Numbers keep the text of their JSON token, so an integer of any size reaches its EIP-712 type exactly: no value
/// ever passes through a `Double`. Where a `uint<N>` or `int<N>` is expected, a JSON number must be an integer
/// written without fraction or exponent (`1`, `-5`, `115792089237316195423570985008687907853269984665640564039457`),
/// and a string must hold decimal digits (`"-5"`) or `0x`-hex (`"0x1f"`); `1.0`, `1e18` and `"1e18"` are refused.
public indirect enum EIP712Value: Hashable, Sendable {
    /// `null`: a struct value only, hashed as 32 zero bytes.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A JSON number, as written.
    case number(String)
    /// A string: text, or a number, address or bytes written as text.
    case string(String)
    /// An array value.
    case array([EIP712Value])
    /// A struct value: its members by name.
    case object([String: EIP712Value])

    /// The deepest nesting of arrays and objects `init(json:)` reads; a typed-data document needs a few levels.
    public static let maximumDepth = 64

    /// A short rendering for error messages: strings quoted and cut after 40 characters, numbers as written,
    /// arrays and objects by their size.
    var summary: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let text): text.count > 40 ? String(text.prefix(40)) + "…" : text
        case .string(let text): (text.count > 40 ? String(text.prefix(40)) + "…" : text).debugDescription
        case .array(let elements): "an array of \(elements.count)"
        case .object(let members): members.isEmpty ? "an empty object" : "an object"
        }
    }
}
