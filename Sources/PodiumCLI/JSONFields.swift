import PodiumPrimitives

/// Prints a node's JSON object (a block, a transaction, a receipt) whole, or one of its members as cast does:
/// quantities in decimal, strings as they are, arrays and objects as JSON.
enum JSONFields {
    /// The members that hold JSON-RPC quantities, printed in decimal.
    static let quantities: Set<String> = [
        "number", "timestamp", "gasLimit", "gasUsed", "baseFeePerGas", "size", "difficulty", "totalDifficulty",
        "blobGasUsed", "excessBlobGas", "nonce", "value", "gas", "gasPrice", "maxFeePerGas", "maxPriorityFeePerGas",
        "maxFeePerBlobGas", "chainId", "type", "blockNumber", "transactionIndex", "logIndex", "cumulativeGasUsed",
        "effectiveGasPrice", "status", "yParity", "v",
    ]

    /// Prints `object`, or its member `field`; `what` names the object in an error.
    static func print(_ object: JSONValue, field: String?, json: Bool, what: String) throws {
        guard let field else {
            Swift.print(object.prettyText)
            return
        }
        guard case .object(let members) = object, let value = members[field] else {
            let known = if case .object(let members) = object { members.keys.sorted().joined(separator: ", ") } else { "" }
            throw CommandFailure("the \(what) has no field \(field.debugDescription); it has \(known)")
        }
        // A block's nonce is 8 bytes of proof-of-work data, not a quantity.
        let isQuantity = quantities.contains(field) && !(what == "block" && field == "nonce")
        Swift.print(json ? value.prettyText : text(of: value, asQuantity: isQuantity))
    }

    /// One member as a person reads it.
    static func text(of value: JSONValue, asQuantity: Bool) -> String {
        switch value {
        case .string(let string):
            if asQuantity, string.utf8.count <= 66, let number = try? UInt256(hex: string) {
                return number.description
            }
            return string
        case .null: return "null"
        case .bool(let truth): return truth ? "true" : "false"
        case .number(let text): return text
        case .array, .object: return value.prettyText
        }
    }
}
