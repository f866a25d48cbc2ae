import PodiumABI
import PodiumPrimitives

extension EIP712Types {
    /// `encodeType` (EIP-712): the struct `name` as `Name(type1 name1,…)`, followed by every struct it refers to,
    /// directly or not, sorted by name:
    /// `Mail(Person from,Person to,string contents)Person(string name,address wallet)`.
    public func encodeType(_ name: String) throws(EIP712Error) -> String {
        guard let fields = structs[name] else { throw EIP712Error(.undefinedType(name)) }
        var text = Self.definition(name, fields)
        for dependency in dependencies(of: name) {
            text += Self.definition(dependency, structs[dependency, default: []])
        }
        return text
    }

    /// `typeHash` (EIP-712): keccak256(encodeType(name)).
    public func typeHash(_ name: String) throws(EIP712Error) -> Bytes32 {
        Keccak256.hash(try encodeType(name))
    }

    /// `encodeData` (EIP-712): typeHash(name) followed by one 32-byte word per member of `value`, a JSON object
    /// with exactly the struct's members. Errors name the value from `root` (`message.to.wallet`).
    public func encodeData(
        _ name: String, _ value: JSONValue, root: String = "message"
    ) throws(EIP712Error) -> [UInt8] {
        guard structs[name] != nil else { throw EIP712Error(.undefinedType(name)) }
        var encoder = EIP712Encoder(types: self, root: root)
        return try encoder.encodeData(name, value)
    }

    /// `hashStruct` (EIP-712): keccak256(encodeData(name, value)).
    public func hashStruct(
        _ name: String, _ value: JSONValue, root: String = "message"
    ) throws(EIP712Error) -> Bytes32 {
        Keccak256.hash(try encodeData(name, value, root: root))
    }

    /// The structs `name` refers to, directly or through others, without `name` itself, sorted by name; cycles
    /// and self-references end where a struct was already found.
    func dependencies(of name: String) -> [String] {
        var found: Set = [name]
        var pending = [name]
        while let next = pending.popLast() {
            for type in memberTypes[next, default: []] {
                if case .structure(let referenced) = type.base, found.insert(referenced).inserted {
                    pending.append(referenced)
                }
            }
        }
        found.remove(name)
        return found.sorted()
    }

    /// `Name(type1 name1,type2 name2)`.
    static func definition(_ name: String, _ fields: [EIP712Field]) -> String {
        name + "(" + fields.map { "\($0.type) \($0.name)" }.joined(separator: ",") + ")"
    }
}

/// Encodes values against checked types, remembering type hashes, and keeping the path to the value being
/// encoded so that an error can name it.
struct EIP712Encoder {
    let types: EIP712Types
    /// Where the values start: `message` or `domain`.
    let root: String
    private var typeHashes: [String: Bytes32] = [:]
    private var path: [PathComponent] = []

    /// One step from a value into a member or an element.
    private enum PathComponent {
        case member(String)
        case element(Int)
    }

    init(types: EIP712Types, root: String) {
        (self.types, self.root) = (types, root)
    }

    /// typeHash(name) ‖ the member words of `value`; `name` must be a struct of `types`.
    mutating func encodeData(_ name: String, _ value: JSONValue) throws(EIP712Error) -> [UInt8] {
        guard case .object(let members) = value else { throw mismatch(name, value) }
        let fields = types.structs[name, default: []]
        let memberTypes = types.memberTypes[name, default: []]
        let declared = Set(fields.map(\.name))
        if let extra = members.keys.filter({ !declared.contains($0) }).min() {
            throw failure(.unexpectedField(extra, type: name))
        }
        var encoded = try typeHash(name).bytes
        encoded.reserveCapacity(32 * (fields.count + 1))
        for (field, type) in zip(fields, memberTypes) {
            guard let member = members[field.name] else { throw failure(.missingField(field.name)) }
            path.append(.member(field.name))
            encoded += try encode(member, as: type, depth: type.dimensions.count).bytes
            path.removeLast()
        }
        return encoded
    }

    /// The word of `value` as `type` with only its first `depth` array suffixes: the keccak256 of the elements'
    /// words for an array, hashStruct for a struct (32 zero bytes for `null`, as eth_signTypedData_v4 does), the
    /// atomic encoding otherwise.
    private mutating func encode(
        _ value: JSONValue, as type: EIP712FieldType, depth: Int
    ) throws(EIP712Error) -> Bytes32 {
        guard depth == 0 else {
            guard case .array(let elements) = value else { throw mismatch(type.name(depth: depth), value) }
            if let count = type.dimensions[depth - 1], elements.count != count {
                throw failure(.wrongElementCount(type: type.name(depth: depth), count: elements.count))
            }
            var hasher = Keccak256()
            for (index, element) in elements.enumerated() {
                path.append(.element(index))
                let word = try encode(element, as: type, depth: depth - 1)
                word.withUnsafeBytes { hasher.update($0) }
                path.removeLast()
            }
            return hasher.finalize()
        }
        switch type.base {
        case .structure(let name):
            if case .null = value { return .zero }
            return Keccak256.hash(try encodeData(name, value))
        case .atomic(let atomic):
            return try encode(value, as: atomic, named: type.baseName)
        }
    }

    /// The word of an atomic value, as the ABI module writes an indexed event parameter's topic, which is
    /// EIP-712's `encodeData` of an atomic member: integers, addresses and booleans as their ABI word, `bytes<N>`
    /// left-aligned, `bytes` and `string` as the keccak256 of their bytes.
    private func encode(_ value: JSONValue, as type: ABIType, named name: String) throws(EIP712Error) -> Bytes32 {
        let abiValue = try self.abiValue(value, as: type, named: name)
        do {
            return try type.topic(for: abiValue)
        } catch {
            guard case .valueOutOfRange = error.reason else { throw mismatch(name, value) }
            throw failure(.outOfRange(type: name, value: Self.integerText(value)))
        }
    }

    /// The JSON value as the ABI value of atomic `type`, range unchecked (the ABI encoder checks it).
    private func abiValue(_ value: JSONValue, as type: ABIType, named name: String) throws(EIP712Error) -> ABIValue {
        switch (type, value) {
        case (.bool, .bool(let truth)):
            return .bool(truth)
        case (.address, .string(let text)) where Hex.hasPrefix(text):
            do throws(AddressError) {
                return .address(try Address(hex: text))
            } catch {
                guard case .invalidChecksum(let expected) = error else { throw mismatch(name, value) }
                throw failure(.invalidChecksum(expected: expected))
            }
        case (.uint(let bits), _):
            let (negative, magnitude, text) = try integer(value, name)
            guard !negative || magnitude == .zero else { throw failure(.outOfRange(type: name, value: text)) }
            return .uint(magnitude, bits: bits)
        case (.int(let bits), _):
            let (negative, magnitude, text) = try integer(value, name)
            // Int256 holds −2²⁵⁵ … 2²⁵⁵ − 1; the ABI encoder checks the narrower widths.
            let limit = UInt256(1) << 255
            guard negative ? magnitude <= limit : magnitude < limit else {
                throw failure(.outOfRange(type: name, value: text))
            }
            return .int(Int256(bitPattern: negative ? UInt256.zero &- magnitude : magnitude), bits: bits)
        case (.fixedBytes(let size), .string(let text)):
            let bytes = try hexBytes(text, value, name)
            guard bytes.count == size else { throw failure(.wrongByteCount(type: name, count: bytes.count)) }
            return ABIValue(fixedBytes: bytes)
        case (.bytes, .string(let text)):
            return .bytes(try hexBytes(text, value, name))
        case (.string, .string(let text)):
            return .string(text)
        default:
            throw mismatch(name, value)
        }
    }

    /// An integer value's text as the document wrote it, for an out-of-range message.
    private static func integerText(_ value: JSONValue) -> String {
        switch value {
        case .number(let text), .string(let text): text
        default: value.summary
        }
    }

    /// The sign, magnitude and text of an integer value: a JSON number without fraction or exponent, or a string
    /// of an optional `-` and decimal digits or `0x`-hex. A magnitude above 2²⁵⁶ − 1 is out of range.
    private func integer(
        _ value: JSONValue, _ name: String
    ) throws(EIP712Error) -> (negative: Bool, magnitude: UInt256, text: String) {
        let text: String
        switch value {
        case .number(let token):
            guard token.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) }) else {
                throw failure(.notAnInteger(type: name, found: value.summary))
            }
            text = token
        case .string(let string):
            text = string
        default:
            throw mismatch(name, value)
        }
        let negative = text.hasPrefix("-")
        do throws(IntegerParseError) {
            return (negative, try UInt256(parsing: text.dropFirst(negative ? 1 : 0)), text)
        } catch {
            guard error == .overflow else { throw mismatch(name, value) }
            throw failure(.outOfRange(type: name, value: text))
        }
    }

    /// The bytes of `0x`-hex text.
    private func hexBytes(_ text: String, _ value: JSONValue, _ name: String) throws(EIP712Error) -> [UInt8] {
        guard let bytes = try? Hex.decode(text, requirePrefix: true) else { throw mismatch(name, value) }
        return bytes
    }

    /// The type hash of the struct `name`, computed once per encoder.
    private mutating func typeHash(_ name: String) throws(EIP712Error) -> Bytes32 {
        if let known = typeHashes[name] { return known }
        let hash = try types.typeHash(name)
        typeHashes[name] = hash
        return hash
    }

    private func mismatch(_ expected: String, _ value: JSONValue) -> EIP712Error {
        failure(.typeMismatch(expected: expected, found: value.summary))
    }

    /// The error for `reason` at the value being encoded.
    private func failure(_ reason: EIP712Error.Reason) -> EIP712Error {
        var text = root
        for component in path {
            switch component {
            case .member(let name): text += "." + name
            case .element(let index): text += "[\(index)]"
            }
        }
        return EIP712Error(reason, at: text)
    }
}
