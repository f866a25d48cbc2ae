import PodiumPrimitives

extension JSONValue {
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
