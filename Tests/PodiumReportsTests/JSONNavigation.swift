import PodiumPrimitives

/// Reading parsed JSON in tests: a missing member or a wrong kind reads as `.null`, which no expectation accepts.
extension JSONValue {
    /// The member `key` of an object.
    subscript(key: String) -> JSONValue { objectValue?[key] ?? .null }

    /// Element `index` of an array.
    subscript(index: Int) -> JSONValue { array.indices.contains(index) ? array[index] : .null }

    /// The elements of an array, else none.
    var array: [JSONValue] {
        if case .array(let values) = self { values } else { [] }
    }

    /// A string's text or a number's digits, else nil.
    var text: String? {
        switch self {
        case .string(let text), .number(let text): text
        default: nil
        }
    }
}
