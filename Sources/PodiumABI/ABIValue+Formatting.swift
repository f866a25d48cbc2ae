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
        case .string(let text): JSONString.append(text, to: &out)
        case .array(let elements), .fixedArray(let elements), .tuple(let elements): elements.appendJSON(to: &out)
        }
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
