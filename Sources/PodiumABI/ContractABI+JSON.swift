import Foundation

/// Why a JSON ABI could not be read.
public enum JSONABIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not JSON, or JSON of another shape than an ABI (the decoder's message).
    case invalidJSON(String)
    /// An object without an `abi` member: not a Foundry or Hardhat artifact.
    case missingABI
    /// Entry `entry` has a `type` that is not an ABI item kind.
    case unknownEntryType(String, entry: Int)
    /// Entry `entry`, a function, event or error, has no name.
    case missingName(entry: Int)
    /// Entry `entry` has a `stateMutability` that is not one of pure, view, nonpayable, payable.
    case invalidStateMutability(String, entry: Int)
    /// Entry `entry` has a parameter whose `type` does not parse.
    case invalidType(ABIParseError, entry: Int)
    /// Entry `entry` has a `tuple` parameter without `components`.
    case missingComponents(type: String, entry: Int)

    /// A one-line message naming the problem and the entry.
    public var description: String {
        switch self {
        case .invalidJSON(let message): "not a JSON ABI: \(message)"
        case .missingABI: "the JSON object has no \"abi\" member"
        case .unknownEntryType(let type, let entry): "ABI entry \(entry): unknown type \(type.debugDescription)"
        case .missingName(let entry): "ABI entry \(entry): no name"
        case .invalidStateMutability(let value, let entry):
            "ABI entry \(entry): invalid stateMutability \(value.debugDescription)"
        case .invalidType(let error, let entry): "ABI entry \(entry): \(error)"
        case .missingComponents(let type, let entry): "ABI entry \(entry): \(type) without components"
        }
    }
}

extension ContractABI {
    /// Reads a JSON ABI: the array `solc --abi` and Vyper print, or a Foundry (`out/…json`) or Hardhat
    /// (`artifacts/…json`) artifact, an object whose `abi` member is that array (or a string holding it, as
    /// Etherscan serves it). Entries without `type` are functions; `constant` / `payable` of old compilers stand
    /// in for a missing `stateMutability`.
    public init(json: some Sequence<UInt8>) throws(JSONABIError) {
        let data = Data(json)
        let entries: [JSONABIEntry]
        do {
            let firstByte = data.first { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }
            if firstByte == UInt8(ascii: "{") {
                let artifact = try JSONDecoder().decode(JSONArtifact.self, from: data)
                switch artifact.abi {
                case .entries(let list): entries = list
                case .text(let text): entries = try JSONDecoder().decode([JSONABIEntry].self, from: Data(text.utf8))
                case nil: throw JSONABIError.missingABI
                }
            } else {
                entries = try JSONDecoder().decode([JSONABIEntry].self, from: data)
            }
        } catch let error as JSONABIError {
            throw error
        } catch {
            throw .invalidJSON(Self.message(for: error))
        }
        var items: [ABIItem] = []
        items.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            items.append(try entry.item(index: index))
        }
        self.init(items)
    }

    /// Reads a JSON ABI from text (see `init(json:)` for the shapes accepted).
    public init(json text: String) throws(JSONABIError) {
        try self.init(json: Array(text.utf8))
    }

    /// The decoder's complaint in one line, with the JSON path when it has one.
    private static func message(for error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
            .valueNotFound(_, let context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// An artifact object: only its `abi` member matters here.
private struct JSONArtifact: Decodable {
    /// The ABI as an array, or as a string holding the array.
    enum ABI: Decodable {
        case entries([JSONABIEntry])
        case text(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .entries(try container.decode([JSONABIEntry].self))
            }
        }
    }

    let abi: ABI?
}

/// One entry of a JSON ABI, as written (Solidity ABI spec, "JSON").
private struct JSONABIEntry: Decodable {
    let type: String?
    let name: String?
    let inputs: [JSONABIParameter]?
    let outputs: [JSONABIParameter]?
    let stateMutability: String?
    let constant: Bool?
    let payable: Bool?
    let anonymous: Bool?

    /// The entry as an `ABIItem`; `index` is its position, for errors.
    func item(index: Int) throws(JSONABIError) -> ABIItem {
        let kind = type ?? "function"
        switch kind {
        case "function":
            let function = ABIFunction(
                name: try requiredName(index), inputs: try parameters(inputs, index),
                outputs: try parameters(outputs, index), stateMutability: try mutability(index))
            return .function(function)
        case "event":
            let event = ABIEvent(
                name: try requiredName(index), inputs: try parameters(inputs, index), anonymous: anonymous ?? false)
            return .event(event)
        case "error":
            return .error(ABIError(name: try requiredName(index), inputs: try parameters(inputs, index)))
        case "constructor":
            return .constructor(
                ABIConstructor(inputs: try parameters(inputs, index), stateMutability: try mutability(index)))
        case "fallback":
            return .fallback(ABIFallback(stateMutability: try mutability(index)))
        case "receive":
            return .receive
        default:
            throw .unknownEntryType(kind, entry: index)
        }
    }

    private func requiredName(_ index: Int) throws(JSONABIError) -> String {
        guard let name, !name.isEmpty else { throw .missingName(entry: index) }
        return name
    }

    private func mutability(_ index: Int) throws(JSONABIError) -> ABIStateMutability {
        guard let stateMutability else {
            return payable == true ? .payable : constant == true ? .view : .nonpayable
        }
        guard let mutability = ABIStateMutability(rawValue: stateMutability) else {
            throw .invalidStateMutability(stateMutability, entry: index)
        }
        return mutability
    }

    private func parameters(_ list: [JSONABIParameter]?, _ index: Int) throws(JSONABIError) -> [ABIParameter] {
        var parameters: [ABIParameter] = []
        for parameter in list ?? [] {
            parameters.append(try parameter.parameter(entry: index, nesting: 0))
        }
        return parameters
    }
}

/// One parameter or tuple component of a JSON ABI, as written.
private struct JSONABIParameter: Decodable {
    let name: String?
    let type: String
    let components: [JSONABIParameter]?
    let indexed: Bool?
    let internalType: String?

    /// The parameter as an `ABIParameter`; `nesting` counts the tuples around it, for the depth limit.
    func parameter(entry: Int, nesting: Int) throws(JSONABIError) -> ABIParameter {
        var tupleComponents: [ABIParameter]?
        if type.hasPrefix("tuple") && !type.hasPrefix("tuple(") {
            guard let components, !components.isEmpty else { throw .missingComponents(type: type, entry: entry) }
            guard nesting + 2 <= ABIType.maximumDepth else {
                throw .invalidType(ABIParser(type).error(.tooDeep(limit: ABIType.maximumDepth), at: 0), entry: entry)
            }
            var parsed: [ABIParameter] = []
            for component in components {
                parsed.append(try component.parameter(entry: entry, nesting: nesting + 1))
            }
            tupleComponents = parsed
        }
        do {
            return ABIParameter(
                name: name ?? "", type: try resolvedType(tupleComponents, nesting: nesting), indexed: indexed ?? false,
                components: tupleComponents, internalType: internalType)
        } catch {
            throw .invalidType(error, entry: entry)
        }
    }

    /// The type: `type` parsed, with `tuple` standing for the tuple of `components` when given.
    private func resolvedType(_ components: [ABIParameter]?, nesting: Int) throws(ABIParseError) -> ABIType {
        var parser = ABIParser(type)
        let resolved: ABIType
        if let components {
            let tuple = ABIType.tuple(components.types)
            parser.position = "tuple".utf8.count
            resolved = try parser.parseArraySuffixes(tuple, depth: nesting + tuple.depth)
            try parser.expectEnd()
        } else {
            resolved = try parser.parseTypeString()
        }
        guard nesting + resolved.depth <= ABIType.maximumDepth else {
            throw parser.error(.tooDeep(limit: ABIType.maximumDepth), at: 0)
        }
        return resolved
    }
}
