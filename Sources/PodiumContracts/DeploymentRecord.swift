import Foundation
import PodiumPrimitives
import PodiumProvider

/// What was deployed where on one chain: `deployments/<chainId>.json`.
public struct DeploymentRecord: Equatable, Sendable {
    /// The chain the contracts are on.
    public var chainID: UInt64
    /// By contract name.
    public var contracts: [String: DeployedContract]
    /// Contracts the deployment uses but did not deploy, by name (an existing EntryPoint, say).
    public var linked: [String: Address]

    /// A record for `chainID` holding `contracts` and linking to `linked`.
    public init(chainID: UInt64, contracts: [String: DeployedContract] = [:], linked: [String: Address] = [:]) {
        self.chainID = chainID
        self.contracts = contracts
        self.linked = linked
    }

    /// The address of contract `name`: deployed and mined, or linked; nil when the record has neither.
    public func address(of name: String) -> Address? {
        contracts[name]?.address ?? linked[name]
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
            throw .recordUnreadable(path: url.path, underlying: error)
        }
    }

    /// Checks, without writing anything, that a record can be saved at `url`: the file, when it exists, is a
    /// writable file, and the nearest directory on its path that exists is a writable directory. Run before
    /// sending anything, so a deployment never lands without a place to record it.
    public static func checkWritable(at url: URL) throws(DeploymentError) {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw .recordNotWritable(path: url.path, reason: "it is a directory") }
            guard files.isWritableFile(atPath: url.path) else { throw .recordNotWritable(path: url.path, reason: "permission denied") }
            return
        }
        var directory = url.deletingLastPathComponent()
        while !files.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            let parent = directory.deletingLastPathComponent()
            guard parent.path != directory.path else { break }
            directory = parent
        }
        guard isDirectory.boolValue else {
            throw .recordNotWritable(path: url.path, reason: "\(directory.path) is a file, not a directory")
        }
        guard files.isWritableFile(atPath: directory.path) else {
            throw .recordNotWritable(path: url.path, reason: "\(directory.path) is not writable")
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
            throw .recordUnwritable(path: url.path, underlying: error)
        }
    }
}

extension DeploymentRecord: Codable {
    private enum CodingKeys: String, CodingKey { case chainId, contracts, linked }

    /// Reads the JSON form, checking every field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        chainID = try container.decode(UInt64.self, forKey: .chainId)
        contracts = try container.decode([String: DeployedContract].self, forKey: .contracts)
        linked = try container.decodeIfPresent([String: Address].self, forKey: .linked) ?? [:]
    }

    /// Writes the JSON form the record file holds (`linked` only when there is one).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(chainID, forKey: .chainId)
        try container.encode(contracts, forKey: .contracts)
        if !linked.isEmpty { try container.encode(linked, forKey: .linked) }
    }
}

/// One contract's deployment: where it is, the transaction that created it, and what it was created from.
public struct DeployedContract: Equatable, Sendable {
    /// Nil while the creating transaction is not mined.
    public var address: Address?
    /// The creating transaction.
    public var transactionHash: TxHash
    /// Nil while the creating transaction is not mined.
    public var blockNumber: UInt64?
    /// keccak256 of the init code with its constructor arguments: a change means a redeploy.
    public var creationCodeHash: Bytes32
    /// The constructor arguments, as text (`0x…` addresses, decimal integers).
    public var constructorArguments: [String]
    /// The artifact's source hash, for the reader.
    public var sourceHash: Bytes32

    /// An entry with every field given.
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

    /// Reads the JSON form, checking every field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        address = try container.decodeIfPresent(Address.self, forKey: .address)
        transactionHash = try Self.word(container, .transactionHash)
        blockNumber = try container.decodeIfPresent(UInt64.self, forKey: .blockNumber)
        creationCodeHash = try Self.word(container, .creationCodeHash)
        constructorArguments = try container.decode([String].self, forKey: .constructorArguments)
        sourceHash = try Self.word(container, .sourceHash)
    }

    /// Writes the JSON form the record file holds.
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

/// Why a deployment could not go on, with the error underneath.
public enum DeploymentError: Error, Sendable, CustomStringConvertible {
    /// The record at `path` could not be read: a file system error, or a `DecodingError` for a file that is not
    /// a deployment record.
    case recordUnreadable(path: String, underlying: any Error)
    /// The record could not be written to `path`.
    case recordUnwritable(path: String, underlying: any Error)
    /// A record could not be written at `path`, found before anything was sent.
    case recordNotWritable(path: String, reason: String)
    /// The record at `path` is for another chain than the node's.
    case recordForAnotherChain(path: String, recordChain: UInt64, nodeChain: UInt64)
    /// The config file at `path` could not be read, or is not a deployment config (a `DecodingError`).
    case configUnreadable(path: String, underlying: any Error)
    /// A config member has a value it cannot take.
    case configValue(path: String, member: String, reason: String)
    /// The artifact of a contract could not be used.
    case artifact(ArtifactError)
    /// The creation of `contract` was not sent (estimate, fees, signing) or the node refused it.
    case send(contract: String, SendError)
    /// The creation of `contract` was sent, but whether the node has it is unknown; a re-run looks it up by hash
    /// (the record keeps it) and resumes, never sending a second creation while the first may land.
    case outcomeUnknown(contract: String, TxHash)
    /// The creation of `contract` was mined and reverted.
    case reverted(contract: String, TxHash)
    /// A node request failed while deciding or waiting; nothing was sent that the record does not hold.
    case rpc(contract: String, underlying: any Error)
    /// The constructor of `step` needs the address of `needs`, which no earlier step deploys.
    case stepOrder(step: String, needs: String)
    /// The deployer's nonce is at EIP-2681's limit: the account can create nothing more.
    case nonceExhausted(Address)
    /// The record has no mined deployment of `contract`.
    case notDeployed(contract: String, chainID: UInt64)

    /// The one-line text a person reads.
    public var description: String {
        switch self {
        case .recordUnreadable(let path, let underlying): "deployment record: \(Self.reading(path, underlying))"
        case .recordNotWritable(let path, let reason):
            "deployment record: cannot write \(path): \(reason); nothing was sent"
        case .recordUnwritable(let path, let underlying):
            "deployment record: cannot write \(path): \(Self.message(underlying))"
        case .recordForAnotherChain(let path, let recordChain, let nodeChain):
            "deployment record \(path) is for chain \(recordChain), the node is chain \(nodeChain)"
        case .configUnreadable(let path, let underlying): "deployment config: \(Self.reading(path, underlying))"
        case .configValue(let path, let member, let reason): "deployment config \(path): \(member): \(reason)"
        case .artifact(let error): "\(error)"
        case .send(let contract, let error): "deploying \(contract) failed: \(error)"
        case .outcomeUnknown(let contract, let hash):
            "deploying \(contract): transaction \(Hex.encode(hash.bytes)) was sent and its outcome is unknown; "
                + "the record keeps it, and a re-run resumes from it"
        case .reverted(let contract, let hash):
            "deploying \(contract) failed: creation transaction \(Hex.encode(hash.bytes)) reverted"
        case .rpc(let contract, let underlying): "deploying \(contract): \(underlying)"
        case .stepOrder(let step, let needs): "\(step) needs \(needs)'s address, which no earlier step deploys"
        case .nonceExhausted(let account): "\(account)'s nonce is at its limit (EIP-2681): it can send nothing more"
        case .notDeployed(let contract, let chainID): "no deployment of \(contract) on chain \(chainID) in the record"
        }
    }

    /// `cannot read PATH: why` for a file error, `PATH: what is wrong` for a file that does not decode.
    private static func reading(_ path: String, _ error: any Error) -> String {
        error is DecodingError || error is JSONParseError
            ? "\(path): \(message(error))" : "cannot read \(path): \(message(error))"
    }

    /// A file error's own words rather than Foundation's type dump.
    private static func message(_ error: any Error) -> String {
        switch error {
        case let error as DecodingError:
            switch error {
            case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
                context.codingPath.isEmpty
                    ? context.debugDescription
                    : "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
            case .keyNotFound(let key, _): "missing member \(key.stringValue)"
            @unknown default: "\(error)"
            }
        case let error as CocoaError:
            switch error.code {
            case .fileReadNoSuchFile, .fileNoSuchFile: "no such file"
            case .fileReadNoPermission, .fileWriteNoPermission: "permission denied"
            case .fileWriteOutOfSpace: "no space left on the device"
            default: error.localizedDescription
            }
        default: "\(error)"
        }
    }
}
