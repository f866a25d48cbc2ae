import Foundation
import PodiumABI
import PodiumPrimitives
import PodiumTransactions

/// A 64-bit integer (chain id, nonce, gas): decimal, or hex after `0x`.
enum IntegerArgument {
    struct OutOfRange: Error, CustomStringConvertible {
        var description: String { "expected an integer from 0 to 2^64-1" }
    }

    static func parse(_ what: String, _ text: String) throws -> UInt64 {
        try parseArgument(what, text) { text in
            guard let value = UInt64(exactly: try UInt256(parsing: text)) else { throw OutOfRange() }
            return value
        }
    }
}

/// An amount of wei as cast reads it: decimal or 0x-hex, or a decimal with an exponent and a unit (`1ether`,
/// `1.5gwei`, `1e18`) that make it whole.
enum AmountArgument {
    static func parse(_ what: String, _ text: String) throws -> UInt256 {
        try parseArgument(what, text) { try ABIValue(parsing: $0, as: .uint(256)).uintValue! }
    }
}

/// An EIP-2930 access list as JSON-RPC writes it: `[{"address": "0x…", "storageKeys": ["0x…", …]}, …]`.
enum AccessListArgument {
    /// Why the JSON is not an access list, in one line: where, and what.
    struct Invalid: Error, CustomStringConvertible {
        let description: String

        init(_ error: DecodingError) {
            let (path, problem): ([any CodingKey], String) =
                switch error {
                case .keyNotFound(let key, let context): (context.codingPath, "missing \"\(key.stringValue)\"")
                case .typeMismatch(let type, let context): (context.codingPath, "expected \(type)")
                case .valueNotFound(let type, let context): (context.codingPath, "expected \(type), found null")
                case .dataCorrupted(let context): (context.codingPath, context.debugDescription)
                @unknown default: ([], "\(error)")
                }
            let location = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            description = location.isEmpty ? problem : "\(location): \(problem)"
        }
    }

    static func parse(_ text: String) throws -> AccessList {
        try parseArgument("access list", text) { text throws(Invalid) in
            do {
                return try JSONDecoder().decode(AccessList.self, from: Data(text.utf8))
            } catch let error as DecodingError {
                throw Invalid(error)
            } catch {
                throw Invalid(.dataCorrupted(.init(codingPath: [], debugDescription: "\(error)")))
            }
        }
    }
}

/// A decoded transaction's fields under their JSON-RPC names, with the recovered sender and the hash: what
/// `decode-tx` prints.
struct TransactionFieldList {
    /// A field's value: text (an integer in decimal, or hex), null (the `to` of a creation), or an access list.
    enum Value {
        case text(String)
        case null
        case accessList(AccessList)

        /// The value as JSON: strings quoted (none needs escaping), the access list compact.
        var json: String {
            switch self {
            case .text(let text): "\"\(text)\""
            case .null: "null"
            case .accessList(let list):
                "[" + list.map { item in
                    let keys = item.storageKeys.map { "\"\($0)\"" }.joined(separator: ",")
                    return "{\"address\":\"\(item.address)\",\"storageKeys\":[\(keys)]}"
                }.joined(separator: ",") + "]"
            }
        }
    }

    /// The fields, in the order they print.
    let fields: [(name: String, value: Value)]

    init(_ envelope: TransactionEnvelope, sender: Address) {
        func integer(_ value: some CustomStringConvertible) -> Value { .text(value.description) }
        func to(_ kind: TxKind) -> Value { kind.address.map { .text($0.description) } ?? .null }
        let signature = envelope.signature
        var fields: [(String, Value)] = [("type", integer(envelope.type.rawValue))]
        switch envelope {
        case .legacy(let signed):
            let tx = signed.transaction
            if let chainID = tx.chainID { fields.append(("chainId", integer(chainID))) }
            fields += [
                ("nonce", integer(tx.nonce)), ("gas", integer(tx.gasLimit)), ("gasPrice", integer(tx.gasPrice)),
                ("to", to(tx.to)), ("value", integer(tx.value)), ("input", .text(Hex.encode(tx.input))),
                ("v", integer(tx.chainID.map { signature.v(chainID: $0) } ?? UInt256(UInt64(signature.v)))),
            ]
        case .eip2930(let signed):
            let tx = signed.transaction
            fields += [
                ("chainId", integer(tx.chainID)), ("nonce", integer(tx.nonce)), ("gas", integer(tx.gasLimit)),
                ("gasPrice", integer(tx.gasPrice)), ("to", to(tx.to)), ("value", integer(tx.value)),
                ("input", .text(Hex.encode(tx.input))), ("accessList", .accessList(tx.accessList)),
                ("yParity", integer(signature.yParity ? 1 : 0)),
            ]
        case .eip1559(let signed):
            let tx = signed.transaction
            fields += [
                ("chainId", integer(tx.chainID)), ("nonce", integer(tx.nonce)), ("gas", integer(tx.gasLimit)),
                ("maxFeePerGas", integer(tx.maxFeePerGas)),
                ("maxPriorityFeePerGas", integer(tx.maxPriorityFeePerGas)), ("to", to(tx.to)),
                ("value", integer(tx.value)), ("input", .text(Hex.encode(tx.input))),
                ("accessList", .accessList(tx.accessList)), ("yParity", integer(signature.yParity ? 1 : 0)),
            ]
        }
        fields += [
            ("r", integer(signature.r)), ("s", integer(signature.s)), ("from", .text(sender.description)),
            ("hash", .text(envelope.hash.description)),
        ]
        self.fields = fields
    }

    /// One compact JSON object.
    var json: String {
        "{" + fields.map { "\"\($0.name)\":\($0.value.json)" }.joined(separator: ",") + "}"
    }

    /// One `name value` line per field, the values aligned in a column.
    var aligned: String {
        let width = fields.map(\.name.count).max()! + 1
        return fields.map { field in
            let text = if case .text(let text) = field.value { text } else { field.value.json }
            return field.name.padding(toLength: width, withPad: " ", startingAt: 0) + text
        }.joined(separator: "\n")
    }
}
