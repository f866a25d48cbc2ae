import Foundation
import PodiumABI
import PodiumPrimitives

/// A compiled contract as `abi/<Name>.json` holds it: the ABI, the creation and runtime bytecode, and where they
/// came from.
public struct ContractArtifact: Hashable, Sendable {
    public let name: String
    /// The source file, relative to the repository (`contracts/GlicoToken.vy`).
    public let sourcePath: String
    /// keccak256 of the source file.
    public let sourceHash: Bytes32
    /// The compiler and its version (`vyper 0.4.3`).
    public let compiler: String
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
            throw .malformed("\(error)")
        }
        do {
            name = file.contractName
            sourcePath = file.sourcePath
            sourceHash = try Bytes32(hex: file.sourceHash)
            compiler = "\(file.compiler.name) \(file.compiler.version)"
            creationCode = try Hex.decode(file.bytecode, requirePrefix: true)
            runtimeCode = try Hex.decode(file.deployedBytecode, requirePrefix: true)
        } catch {
            throw .malformed("\(file.contractName): \(error)")
        }
        do {
            abi = try ContractABI(json: Array(json))
        } catch {
            throw .malformed("\(file.contractName): \(error)")
        }
    }

    /// The init code followed by the ABI encoding of `arguments` for the constructor.
    public func deploymentCode(arguments: [ABIValue]) throws(ArtifactError) -> [UInt8] {
        let parameters = abi.constructor?.inputs ?? []
        guard parameters.count == arguments.count else {
            throw .constructorArguments(name, "takes \(parameters.count) arguments, given \(arguments.count)")
        }
        do {
            return creationCode + (try ABIEncoder.encode(arguments, as: parameters))
        } catch {
            throw .constructorArguments(name, "\(error)")
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

/// Why an artifact could not be used.
public enum ArtifactError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case missing(String)
    case constructorArguments(String, String)

    public var description: String {
        switch self {
        case .malformed(let detail): "malformed contract artifact: \(detail)"
        case .missing(let name): "no artifact for contract \(name)"
        case .constructorArguments(let name, let detail): "\(name) constructor: \(detail)"
        }
    }
}
