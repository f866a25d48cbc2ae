import Foundation
import PodiumABI
import PodiumPrimitives

/// A compiled contract as `abi/<Name>.json` holds it: the ABI, the creation and runtime bytecode, and where they
/// came from.
public struct ContractArtifact: Hashable, Sendable {
    /// The contract's name (`GlicoToken`).
    public let name: String
    /// The source file, relative to the repository (`contracts/GlicoToken.vy`).
    public let sourcePath: String
    /// keccak256 of the source file.
    public let sourceHash: Bytes32
    /// The compiler and its version (`vyper 0.4.3`).
    public let compiler: String
    /// Its ABI.
    public let abi: ContractABI
    /// The init code, before constructor arguments.
    public let creationCode: [UInt8]
    /// The code the init code leaves on chain (Vyper appends immutable values after it).
    public let runtimeCode: [UInt8]

    /// Reads an artifact file's JSON.
    public init(json: [UInt8]) throws(ArtifactError) {
        let file: ArtifactFile
        do {
            file = try JSONDecoder().decode(ArtifactFile.self, from: Data(json))
        } catch {
            throw .malformedFile(underlying: error)
        }
        name = file.contractName
        sourcePath = file.sourcePath
        compiler = "\(file.compiler.name) \(file.compiler.version)"
        func hex<Value>(_ field: String, _ read: () throws(HexError) -> Value) throws(ArtifactError) -> Value {
            do { return try read() } catch { throw .malformedHex(contract: file.contractName, field: field, error) }
        }
        sourceHash = try hex("sourceHash") { () throws(HexError) in try Bytes32(hex: file.sourceHash) }
        creationCode = try hex("bytecode") { () throws(HexError) in try Hex.decode(file.bytecode, requirePrefix: true) }
        runtimeCode = try hex("deployedBytecode") { () throws(HexError) in
            try Hex.decode(file.deployedBytecode, requirePrefix: true)
        }
        do {
            abi = try ContractABI(json: json)
        } catch {
            throw .malformedABI(contract: file.contractName, error)
        }
    }

    /// The init code followed by the ABI encoding of `arguments` for the constructor.
    public func deploymentCode(arguments: [ABIValue]) throws(ArtifactError) -> [UInt8] {
        let parameters = abi.constructor?.inputs ?? []
        guard parameters.count == arguments.count else {
            throw .constructorArgumentCount(contract: name, expected: parameters.count, given: arguments.count)
        }
        do {
            return creationCode + (try ABIEncoder.encode(arguments, as: parameters))
        } catch {
            throw .constructorArguments(contract: name, error)
        }
    }

    private struct ArtifactFile: Decodable {
        struct Compiler: Decodable {
            let name: String
            let version: String
        }
        let contractName: String
        let sourcePath: String
        let sourceHash: String
        let compiler: Compiler
        let bytecode: String
        let deployedBytecode: String
    }
}

/// Why an artifact could not be used, with the error underneath.
public enum ArtifactError: Error, Sendable, CustomStringConvertible {
    /// The file is not an artifact's JSON (a `DecodingError`).
    case malformedFile(underlying: any Error)
    /// A hex field of the artifact of `contract` does not decode.
    case malformedHex(contract: String, field: String, HexError)
    /// The ABI of the artifact of `contract` does not read.
    case malformedABI(contract: String, JSONABIError)
    /// No artifact has that contract name.
    case missing(String)
    /// The constructor takes `expected` arguments; `given` were given.
    case constructorArgumentCount(contract: String, expected: Int, given: Int)
    /// The constructor arguments do not encode as its parameters.
    case constructorArguments(contract: String, ABIEncodingError)

    /// The one-line text a person reads.
    public var description: String {
        switch self {
        case .malformedFile(let underlying): "malformed contract artifact: \(underlying)"
        case .malformedHex(let contract, let field, let error): "malformed artifact of \(contract): \(field): \(error)"
        case .malformedABI(let contract, let error): "malformed artifact of \(contract): abi: \(error)"
        case .missing(let name): "no artifact for contract \(name)"
        case .constructorArgumentCount(let contract, let expected, let given):
            "\(contract) constructor: takes \(expected) arguments, given \(given)"
        case .constructorArguments(let contract, let error): "\(contract) constructor: \(error)"
        }
    }
}
