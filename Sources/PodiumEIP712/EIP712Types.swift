import PodiumABI
import PodiumPrimitives

/// A member of an EIP-712 struct type: its name and its type as written (`uint256`, `Person`, `Person[2][]`).
public struct EIP712Field: Hashable, Sendable {
    /// The member's name, an identifier.
    public let name: String
    /// The member's type string.
    public let type: String

    /// A member named `name` of type `type`.
    public init(name: String, type: String) {
        (self.name, self.type) = (name, type)
    }
}

/// The struct types of typed data (its `types` member), checked: every struct and member name is an identifier,
/// no member is declared twice, and every member's type is an atomic type (`uint8`…`uint256`, `int8`…`int256`,
/// `bytes1`…`bytes32`, `address`, `bool`, `bytes`, `string`) or a struct defined here, with any number of `[]` and
/// `[k]` array suffixes. Types may refer to themselves and to each other in cycles.
public struct EIP712Types: Sendable {
    /// The struct types by name, each with its members in order.
    public let structs: [String: [EIP712Field]]
    /// The members' types, resolved, by struct name.
    let memberTypes: [String: [EIP712FieldType]]

    /// Checks `structs`; errors name the definition (`types.Mail[0].type: undefined type "Persn"`).
    public init(_ structs: [String: [EIP712Field]]) throws(EIP712Error) {
        var memberTypes: [String: [EIP712FieldType]] = [:]
        for name in structs.keys.sorted() {
            let path = "types." + name
            guard EIP712FieldType.isIdentifier(name) else { throw EIP712Error(.invalidName(name), at: path) }
            guard ABIType(eip712Atomic: name) == nil else { throw EIP712Error(.reservedName(name), at: path) }
            var seen = Set<String>()
            var types: [EIP712FieldType] = []
            for (index, field) in structs[name, default: []].enumerated() {
                guard EIP712FieldType.isIdentifier(field.name) else {
                    throw EIP712Error(.invalidName(field.name), at: "\(path)[\(index)].name")
                }
                guard seen.insert(field.name).inserted else {
                    throw EIP712Error(.duplicateField(field.name), at: "\(path)[\(index)].name")
                }
                let type = try EIP712FieldType(parsing: field.type, at: "\(path)[\(index)].type")
                if case .structure(let referenced) = type.base, structs[referenced] == nil {
                    throw EIP712Error(.undefinedType(referenced), at: "\(path)[\(index)].type")
                }
                types.append(type)
            }
            memberTypes[name] = types
        }
        (self.structs, self.memberTypes) = (structs, memberTypes)
    }

    /// Reads and checks the `types` member of a typed-data document: an object of arrays of `{"name", "type"}`.
    init(json: JSONValue) throws(EIP712Error) {
        guard case .object(let definitions) = json else {
            throw EIP712Error(.typeMismatch(expected: "an object of struct types", found: json.summary), at: "types")
        }
        var structs: [String: [EIP712Field]] = [:]
        for (name, definition) in definitions.sorted(by: { $0.key < $1.key }) {
            guard case .array(let members) = definition else {
                throw EIP712Error(
                    .typeMismatch(expected: "an array of fields", found: definition.summary), at: "types." + name)
            }
            structs[name] = try members.enumerated().map { (index, member) throws(EIP712Error) in
                let path = "types.\(name)[\(index)]"
                guard case .object(let keys) = member else {
                    throw EIP712Error(.typeMismatch(expected: "a {name, type} object", found: member.summary), at: path)
                }
                func text(_ key: String) throws(EIP712Error) -> String {
                    guard let value = keys[key] else { throw EIP712Error(.missingField(key), at: path) }
                    guard case .string(let text) = value else {
                        throw EIP712Error(
                            .typeMismatch(expected: "a string", found: value.summary), at: "\(path).\(key)")
                    }
                    return text
                }
                return EIP712Field(name: try text("name"), type: try text("type"))
            }
        }
        try self.init(structs)
    }

    /// This set of types with `EIP712Domain` added, or replaced, as `fields`.
    func adding(domain fields: [EIP712Field]) throws(EIP712Error) -> EIP712Types {
        var structs = structs
        structs[EIP712Domain.typeName] = fields
        return try EIP712Types(structs)
    }
}

extension ABIType {
    /// The EIP-712 atomic type spelled `name`, or nil: an elementary ABI type other than `function`, written as
    /// the ABI writes it canonically (`uint8`…`uint256` and `int8`…`int256` in steps of 8, `bytes1`…`bytes32`,
    /// `address`, `bool`, `bytes`, `string`). `uint` and `int` are Solidity aliases, not EIP-712 names.
    init?(eip712Atomic name: some StringProtocol) {
        guard let type = try? ABIType(parsing: name), type.description == name else { return nil }
        switch type {
        case .uint, .int, .address, .bool, .fixedBytes, .bytes, .string: self = type
        case .function, .array, .fixedArray, .tuple: return nil
        }
    }
}

/// A member's type, resolved: an atomic type or a struct, inside zero or more arrays.
struct EIP712FieldType: Hashable, Sendable {
    /// What the innermost elements are.
    enum Base: Hashable, Sendable {
        case atomic(ABIType)
        case structure(String)
    }

    let base: Base
    /// The base type's name as written.
    let baseName: String
    /// The array suffixes in written order, nil for `[]` and k for `[k]`; the last is the outermost array
    /// (`Person[2][]` is a dynamic array of pairs).
    let dimensions: [Int?]

    /// Parses a type string: a name, then `[]` or `[k]` suffixes with k ≥ 1 written without leading zeros. A name
    /// that is not atomic is taken as a struct name, which the caller looks up.
    init(parsing text: String, at path: String) throws(EIP712Error) {
        let invalid = EIP712Error(.invalidType(text), at: path)
        let nameEnd = text.firstIndex(of: "[") ?? text.endIndex
        let name = String(text[..<nameEnd])
        guard Self.isIdentifier(name) else { throw invalid }
        var dimensions: [Int?] = []
        var rest = text[nameEnd...]
        while !rest.isEmpty {
            guard rest.first == "[", let close = rest.firstIndex(of: "]") else { throw invalid }
            let digits = rest[rest.index(after: rest.startIndex)..<close]
            if digits.isEmpty {
                dimensions.append(nil)
            } else {
                guard let count = Int(digits), count > 0, String(count) == digits else { throw invalid }
                dimensions.append(count)
            }
            rest = rest[rest.index(after: close)...]
        }
        base = ABIType(eip712Atomic: name).map(Base.atomic) ?? .structure(name)
        baseName = name
        self.dimensions = dimensions
    }

    /// The type written with its first `depth` array suffixes: the type of a value `dimensions.count - depth`
    /// arrays deep (`Person[2]` inside a `Person[2][]`).
    func name(depth: Int) -> String {
        baseName + dimensions.prefix(depth).map { $0.map { "[\($0)]" } ?? "[]" }.joined()
    }

    /// True for `[A-Za-z_$][A-Za-z0-9_$]*`.
    static func isIdentifier(_ name: some StringProtocol) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "$"): true
            default: false
            }
        }
    }
}
