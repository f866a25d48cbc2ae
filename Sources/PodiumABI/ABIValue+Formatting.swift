import PodiumPrimitives

// The JSON form of values, as `podium decode-abi --json` prints them. The text form, one value as `cast` prints it
// (`[1, 2]`, `(0xAbC…, "text")`), is `ABIValue.description`.

extension ABIValue {
    /// The value as compact JSON: integers as decimal strings (exact at every width), addresses with their EIP-55
    /// checksum, `bytes`, `bytes<M>` and `function` as lowercase `0x` hex, booleans, strings, and arrays, fixed
    /// arrays and tuples as arrays.
    public var json: String {
        var out = ""
        appendJSON(to: &out)
        return out
    }

    /// Appends `json` to `out`.
    func appendJSON(to out: inout String) {
        switch self {
        case .uint(let value, _): out += "\"\(value)\""
        case .int(let value, _): out += "\"\(value)\""
        case .address(let address): out += "\"\(address)\""
        case .bool(let value): out += value ? "true" : "false"
        case .fixedBytes, .function, .bytes: out += "\"\(description)\""
        case .string(let text): Self.appendJSONString(text, to: &out)
        case .array(let elements), .fixedArray(let elements), .tuple(let elements): elements.appendJSON(to: &out)
        }
    }

    /// Appends `text` as a JSON string (RFC 8259, section 7): quotes and backslashes escaped, control characters
    /// as `\n`, `\t`, … or `\u00XX`, everything else as it is.
    static func appendJSONString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension [ABIValue] {
    /// The values as one compact JSON array, each as `ABIValue.json`.
    public var json: String {
        var out = ""
        appendJSON(to: &out)
        return out
    }

    /// Appends `json` to `out`.
    func appendJSON(to out: inout String) {
        out += "["
        for (index, value) in enumerated() {
            if index > 0 { out += "," }
            value.appendJSON(to: &out)
        }
        out += "]"
    }
}
