import PodiumPrimitives

/// A log as `eth_getLogs` and receipts return it: the chain's log and where it sits.
public struct RPCLog: Hashable, Sendable, Decodable {
    /// The log itself: address, topics, data.
    public let log: ChainLog
    /// Nil for a pending log.
    public let blockNumber: UInt64?
    /// The hash of the block holding the log (nil while pending).
    public let blockHash: BlockHash?
    /// The transaction that emitted it.
    public let transactionHash: TxHash?
    /// That transaction's index in its block.
    public let transactionIndex: UInt64?
    /// The log's position in its block.
    public let logIndex: UInt64?
    /// True when a reorg removed the log (filters report removals this way).
    public let removed: Bool

    /// The contract that emitted the log.
    public var address: Address { log.address }
    /// The log's topics.
    public var topics: [Bytes32] { log.topics }
    /// The log's data.
    public var data: [UInt8] { log.data }

    /// The log's place in the chain's order, when it is mined (nil for a pending log).
    public var position: LogPosition? {
        guard let blockNumber, let transactionIndex, let logIndex else { return nil }
        return LogPosition(blockNumber: blockNumber, transactionIndex: transactionIndex, logIndex: logIndex)
    }

    /// A log with every field given, as a node would send it.
    public init(
        log: ChainLog, blockNumber: UInt64?, blockHash: BlockHash?, transactionHash: TxHash?,
        transactionIndex: UInt64?, logIndex: UInt64?, removed: Bool = false
    ) {
        self.log = log
        self.blockNumber = blockNumber
        self.blockHash = blockHash
        self.transactionHash = transactionHash
        self.transactionIndex = transactionIndex
        self.logIndex = logIndex
        self.removed = removed
    }

    private enum CodingKeys: String, CodingKey {
        case address, topics, data, blockNumber, blockHash, transactionHash, transactionIndex, logIndex, removed
    }

    /// Reads the JSON form, checking every field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        log = ChainLog(
            address: try container.address(.address), topics: try container.bytes32Array(.topics),
            data: try container.data(.data))
        blockNumber = try container.quantityIfPresent(.blockNumber)
        blockHash = try container.bytes32IfPresent(.blockHash)
        transactionHash = try container.bytes32IfPresent(.transactionHash)
        transactionIndex = try container.quantityIfPresent(.transactionIndex)
        logIndex = try container.quantityIfPresent(.logIndex)
        removed = try container.decodeIfPresent(Bool.self, forKey: .removed) ?? false
    }
}

/// What `eth_getLogs` selects: a block range or one block hash, contract addresses, and topics position by
/// position (nil matches anything; several values match any of them).
public struct LogFilter: Hashable, Sendable {
    /// The first block of the range (nil: the node's default, latest).
    public var fromBlock: BlockTag?
    /// The last block of the range.
    public var toBlock: BlockTag?
    /// The one block to read, instead of a range (EIP-234).
    public var blockHash: BlockHash?
    /// Only logs of these contracts (empty: any).
    public var addresses: [Address]
    /// Topics position by position: nil matches anything, several values any of them.
    public var topics: [[Bytes32]?]

    /// A filter over `fromBlock...toBlock`.
    public init(fromBlock: BlockTag? = nil, toBlock: BlockTag? = nil, addresses: [Address] = [], topics: [[Bytes32]?] = []) {
        self.fromBlock = fromBlock
        self.toBlock = toBlock
        self.blockHash = nil
        self.addresses = addresses
        self.topics = topics
    }

    /// A filter over the one block `blockHash`.
    public init(blockHash: BlockHash, addresses: [Address] = [], topics: [[Bytes32]?] = []) {
        self.init(addresses: addresses, topics: topics)
        self.blockHash = blockHash
    }

    /// The filter object `eth_getLogs` takes.
    public var json: JSONValue {
        var object: [String: JSONValue] = [:]
        if let blockHash { object["blockHash"] = .bytes32(blockHash) }
        // A block hash as a bound means that one block (EIP-234's `blockHash`); the other bound is then left out.
        let hashBound = [fromBlock, toBlock].lazy.compactMap { bound -> BlockHash? in
            if case .hash(let hash) = bound { hash } else { nil }
        }.first
        if let hashBound {
            object["blockHash"] = .bytes32(hashBound)
        } else {
            if let fromBlock { object["fromBlock"] = fromBlock.json }
            if let toBlock { object["toBlock"] = toBlock.json }
        }
        if addresses.count == 1 {
            object["address"] = .address(addresses[0])
        } else if !addresses.isEmpty {
            object["address"] = .array(addresses.map(JSONValue.address))
        }
        if !topics.isEmpty {
            object["topics"] = .array(topics.map { alternatives in
                guard let alternatives else { return .null }
                return alternatives.count == 1 ? .bytes32(alternatives[0]) : .array(alternatives.map(JSONValue.bytes32))
            })
        }
        return .object(object)
    }
}

extension RPCLog: ScannedResult {
    /// Reads the JSON form in place, with the checks of `init(from:)`.
    static func read(_ reader: inout ResultReader) throws(ResultReader.Failure) -> RPCLog? {
        var address: Address?, topics: [Bytes32]?, data: [UInt8]?
        var blockNumber: UInt64?, blockHash: BlockHash?, transactionHash: TxHash?
        var transactionIndex: UInt64?, logIndex: UInt64?, removed = false
        try reader.object { (reader, name) throws(ResultReader.Failure) in
            do throws(ResultReader.Failure) {
                switch name.count {
                case 4 where name.elementsEqual("data".utf8): data = try reader.data()
                case 6 where name.elementsEqual("topics".utf8): topics = try reader.bytes32Array()
                case 7 where name.elementsEqual("address".utf8): address = try reader.address()
                case 7 where name.elementsEqual("removed".utf8): removed = try reader.null() ? false : try reader.bool()
                case 8 where name.elementsEqual("logIndex".utf8): logIndex = try reader.null() ? nil : try reader.quantity()
                case 9 where name.elementsEqual("blockHash".utf8): blockHash = try reader.null() ? nil : try reader.bytes32()
                case 11 where name.elementsEqual("blockNumber".utf8):
                    blockNumber = try reader.null() ? nil : try reader.quantity()
                case 15 where name.elementsEqual("transactionHash".utf8):
                    transactionHash = try reader.null() ? nil : try reader.bytes32()
                case 16 where name.elementsEqual("transactionIndex".utf8):
                    transactionIndex = try reader.null() ? nil : try reader.quantity()
                default: try reader.skip()
                }
            } catch {
                throw error.inside(name)
            }
        }
        guard let address else { throw ResultReader.Failure(reason: #"missing key "address""#) }
        guard let topics else { throw ResultReader.Failure(reason: #"missing key "topics""#) }
        guard let data else { throw ResultReader.Failure(reason: #"missing key "data""#) }
        return RPCLog(
            log: ChainLog(address: address, topics: topics, data: data), blockNumber: blockNumber, blockHash: blockHash,
            transactionHash: transactionHash, transactionIndex: transactionIndex, logIndex: logIndex, removed: removed)
    }
}
