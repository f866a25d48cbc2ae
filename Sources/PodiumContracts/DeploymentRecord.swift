import Foundation
import PodiumPrimitives

/// What was deployed where on one chain: `deployments/<chainId>.json`.
public struct DeploymentRecord: Equatable, Sendable {
    public var chainID: UInt64
    /// By contract name.
    public var contracts: [String: DeployedContract]

    public init(chainID: UInt64, contracts: [String: DeployedContract] = [:]) {
        self.chainID = chainID
        self.contracts = contracts
    }

    /// The file for `chainID` in `directory`.
    public static func fileURL(directory: URL, chainID: UInt64) -> URL {
        directory.appendingPathComponent("\(chainID).json")
    }

    /// Reads the record at `url`, or returns nil when there is no file.
    public static func load(from url: URL) throws(DeploymentError) -> DeploymentRecord? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            let data = try Data(contentsOf: url)
            return try JSONDecoder().decode(DeploymentRecord.self, from: data)
        } catch {
            throw .record("cannot read \(url.path): \(error)")
        }
    }

    /// Writes the record to `url` atomically (a new file renamed over the old), creating its directory.
    public func save(to url: URL) throws(DeploymentError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (encoder.encode(self) + Data("\n".utf8)).write(to: url, options: .atomic)
        } catch {
            throw .record("cannot write \(url.path): \(error)")
        }
    }
}

extension DeploymentRecord: Codable {
    private enum CodingKeys: String, CodingKey { case chainId, contracts }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        chainID = try container.decode(UInt64.self, forKey: .chainId)
        contracts = try container.decode([String: DeployedContract].self, forKey: .contracts)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(chainID, forKey: .chainId)
        try container.encode(contracts, forKey: .contracts)
    }
}

/// One contract's deployment: where it is, the transaction that created it, and what it was created from.
public struct DeployedContract: Equatable, Sendable {
    /// Nil while the creating transaction is not mined.
    public var address: Address?
    public var transactionHash: TxHash
    /// Nil while the creating transaction is not mined.
    public var blockNumber: UInt64?
    /// keccak256 of the init code with its constructor arguments: a change means a redeploy.
    public var creationCodeHash: Bytes32
    /// The constructor arguments, as text (`0x…` addresses, decimal integers).
    public var constructorArguments: [String]
    /// The artifact's source hash, for the reader.
    public var sourceHash: Bytes32

    public init(address: Address?, transactionHash: TxHash, blockNumber: UInt64?, creationCodeHash: Bytes32,
                constructorArguments: [String], sourceHash: Bytes32) {
        self.address = address
        self.transactionHash = transactionHash
        self.blockNumber = blockNumber
        self.creationCodeHash = creationCodeHash
        self.constructorArguments = constructorArguments
        self.sourceHash = sourceHash
    }
}

extension DeployedContract: Codable {
    private enum CodingKeys: String, CodingKey {
        case address, transactionHash, blockNumber, creationCodeHash, constructorArguments, sourceHash
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        address = try container.decodeIfPresent(Address.self, forKey: .address)
        transactionHash = try Self.word(container, .transactionHash)
        blockNumber = try container.decodeIfPresent(UInt64.self, forKey: .blockNumber)
        creationCodeHash = try Self.word(container, .creationCodeHash)
        constructorArguments = try container.decode([String].self, forKey: .constructorArguments)
        sourceHash = try Self.word(container, .sourceHash)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(address, forKey: .address)
        try container.encode(Hex.encode(transactionHash.bytes), forKey: .transactionHash)
        try container.encodeIfPresent(blockNumber, forKey: .blockNumber)
        try container.encode(Hex.encode(creationCodeHash.bytes), forKey: .creationCodeHash)
        try container.encode(constructorArguments, forKey: .constructorArguments)
        try container.encode(Hex.encode(sourceHash.bytes), forKey: .sourceHash)
    }

    private static func word(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Bytes32 {
        let text = try container.decode(String.self, forKey: key)
        do {
            return try Bytes32(hex: text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(error)")
        }
    }
}

/// Why a deployment could not go on.
public enum DeploymentError: Error, Equatable, Sendable, CustomStringConvertible {
    case record(String)
    case config(String)
    case failed(contract: String, reason: String)

    public var description: String {
        switch self {
        case .record(let detail): "deployment record: \(detail)"
        case .config(let detail): "deployment config: \(detail)"
        case .failed(let contract, let reason): "deploying \(contract) failed: \(reason)"
        }
    }
}
