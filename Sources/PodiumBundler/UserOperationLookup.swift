import PodiumABI
import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumRPC

/// Answers about included user operations, read from the chain alone: the EntryPoint's `UserOperationEvent` log
/// found by `eth_getLogs` on its userOpHash topic, the bundle transaction's receipt and calldata. Nothing is kept
/// in memory, so a restarted bundler answers as before.
struct UserOperationLookup: Sendable {
    let client: RPCClient
    let entryPoint: Address
    let chainID: ChainID
    let fromBlock: UInt64

    /// `keccak256("BeforeExecution()")`, the EntryPoint's log between validation and execution.
    static let beforeExecutionTopic = Keccak256.hash(Array("BeforeExecution()".utf8))

    /// The `UserOperationEvent` log of `hash`, if a block holds one.
    func eventLog(of hash: Bytes32) async throws -> RPCLog? {
        let filter = LogFilter(
            fromBlock: .number(fromBlock), toBlock: .latest, addresses: [entryPoint],
            topics: [[EntryPoint.UserOperationEvent.topic0], [hash]])
        return try await client.logs(filter).first { !$0.removed && $0.transactionHash != nil }
    }

    /// ERC-7769's receipt object, or null.
    func receipt(of hash: Bytes32) async throws -> JSONValue {
        guard let log = try await eventLog(of: hash), let transactionHash = log.transactionHash else { return .null }
        let event = try EntryPoint.UserOperationEvent(log: log.log)
        let receipt: JSONValue = try await client.call(
            "eth_getTransactionReceipt", [.bytes32(transactionHash)], as: JSONValue.self)
        guard let receiptObject = receipt.objectValue, case .array(let logs)? = receiptObject["logs"] else { return .null }
        // The operation's logs: after the previous operation's event (or BeforeExecution), up to its own event.
        let eventIndex = logs.firstIndex { Self.logIndex($0) == log.logIndex } ?? logs.count
        var start = eventIndex
        while start > 0 {
            let previous = logs[start - 1]
            if Self.isEntryPointLog(previous, entryPoint),
                let topic = Self.topic0(previous),
                topic == EntryPoint.UserOperationEvent.topic0 || topic == Self.beforeExecutionTopic
            {
                break
            }
            start -= 1
        }
        let ownLogs = Array(logs[start..<eventIndex])
        var reason: [UInt8]?
        for raw in ownLogs where Self.isEntryPointLog(raw, entryPoint)
            && Self.topic0(raw) == EntryPoint.UserOperationRevertReason.topic0
        {
            if let chainLog = Self.chainLog(raw), let revert = try? EntryPoint.UserOperationRevertReason(log: chainLog),
                revert.userOpHash == hash
            {
                reason = revert.revertReason
            }
        }
        var object: [String: JSONValue] = [
            "userOpHash": .bytes32(hash), "entryPoint": .string(entryPoint.description),
            "sender": .string(event.sender.description), "nonce": .quantity(event.nonce),
            "paymaster": .string(event.paymaster.description), "actualGasCost": .quantity(event.actualGasCost),
            "actualGasUsed": .quantity(event.actualGasUsed), "success": .bool(event.success),
            "logs": .array(ownLogs), "receipt": receipt,
        ]
        if let reason { object["reason"] = .data(reason) }
        return .object(object)
    }

    /// ERC-7769's object for `eth_getUserOperationByHash`, or null: the operation decoded from the bundle
    /// transaction's `handleOps` calldata, with where it was included.
    func operation(byHash hash: Bytes32) async throws -> JSONValue {
        guard let log = try await eventLog(of: hash), let transactionHash = log.transactionHash,
            let transaction = try await client.transaction(transactionHash),
            let (operations, _) = try? EntryPoint.decodeHandleOps(transaction.input),
            let packed = operations.first(where: { $0.hash(entryPoint: entryPoint, chainID: chainID) == hash }),
            let operation = try? UserOperation(unpacking: packed)
        else { return .null }
        return .object([
            "userOperation": operation.json, "entryPoint": .string(entryPoint.description),
            "blockNumber": .quantity(transaction.blockNumber ?? log.blockNumber ?? 0),
            "blockHash": (transaction.blockHash ?? log.blockHash).map(JSONValue.bytes32) ?? .null,
            "transactionHash": .bytes32(transactionHash),
        ])
    }

    private static func logIndex(_ raw: JSONValue) -> UInt64? {
        raw.objectValue?["logIndex"]?.stringValue.flatMap { try? Quantity.uint64($0) }
    }

    private static func topic0(_ raw: JSONValue) -> Bytes32? {
        guard case .array(let topics)? = raw.objectValue?["topics"], let first = topics.first?.stringValue else {
            return nil
        }
        return try? Bytes32(hex: first)
    }

    private static func isEntryPointLog(_ raw: JSONValue, _ entryPoint: Address) -> Bool {
        raw.objectValue?["address"]?.stringValue.flatMap { try? Address(hex: $0.lowercased()) } == entryPoint
    }

    private static func chainLog(_ raw: JSONValue) -> ChainLog? {
        guard let object = raw.objectValue, let address = object["address"]?.stringValue,
            case .array(let topics)? = object["topics"], let data = object["data"]?.stringValue
        else { return nil }
        guard let parsedAddress = try? Address(hex: address.lowercased()), let bytes = try? Hex.decode(data) else {
            return nil
        }
        let parsedTopics = topics.compactMap { $0.stringValue.flatMap { try? Bytes32(hex: $0) } }
        return ChainLog(address: parsedAddress, topics: parsedTopics, data: bytes)
    }
}
