import PodiumPrimitives

/// The standard `eth_`, `net_` and `web3_` methods, with typed parameters and results.
extension RPCClient {
    /// The chain id (`eth_chainId`).
    public func chainID() async throws -> UInt64 {
        try await quantity("eth_chainId")
    }

    /// The head's number (`eth_blockNumber`).
    public func blockNumber() async throws -> UInt64 {
        try await quantity("eth_blockNumber")
    }

    /// `address`'s balance in wei at `block` (`eth_getBalance`).
    public func balance(of address: Address, at block: BlockTag = .latest) async throws -> UInt256 {
        try await uint256("eth_getBalance", [.address(address), block.json])
    }

    /// The number of transactions `address` has sent: its next nonce.
    public func transactionCount(of address: Address, at block: BlockTag = .latest) async throws -> UInt64 {
        try await quantity("eth_getTransactionCount", [.address(address), block.json])
    }

    /// The runtime code at `address` (`eth_getCode`); empty for an account without code.
    public func code(at address: Address, block: BlockTag = .latest) async throws -> [UInt8] {
        try await data("eth_getCode", [.address(address), block.json])
    }

    /// The storage word at `slot` of `address` (`eth_getStorageAt`).
    public func storage(at address: Address, slot: UInt256, block: BlockTag = .latest) async throws -> Bytes32 {
        try await bytes32("eth_getStorageAt", [.address(address), .quantity(slot), block.json])
    }

    /// The node's legacy gas price suggestion in wei (`eth_gasPrice`).
    public func gasPrice() async throws -> UInt256 {
        try await uint256("eth_gasPrice")
    }

    /// The node's tip suggestion in wei (`eth_maxPriorityFeePerGas`).
    public func maxPriorityFeePerGas() async throws -> UInt256 {
        try await uint256("eth_maxPriorityFeePerGas")
    }

    /// Base fees and priority-fee `percentiles` of the `blockCount` blocks up to `newest`.
    public func feeHistory(blockCount: UInt64, newest: BlockTag = .latest, percentiles: [Double] = []) async throws -> FeeHistory {
        try await call("eth_feeHistory", [.quantity(blockCount), newest.json, .array(percentiles.map { .number(String($0)) })])
    }

    /// What `request` would return, executed at `block`; a revert throws `RPCError.node` with the revert data.
    public func call(_ request: CallRequest, at block: BlockTag = .latest) async throws -> [UInt8] {
        try await data("eth_call", [request.json, block.json])
    }

    /// The gas `request` would use (`eth_estimateGas`); a revert throws `RPCError.node` with the revert data.
    public func estimateGas(_ request: CallRequest) async throws -> UInt64 {
        try await quantity("eth_estimateGas", [request.json])
    }

    /// Submits a signed transaction and returns its hash.
    public func sendRawTransaction(_ raw: [UInt8]) async throws -> TxHash {
        try await bytes32("eth_sendRawTransaction", [.data(raw)])
    }

    /// The transaction `hash`, or nil when the node does not know it.
    public func transaction(_ hash: TxHash) async throws -> RPCTransaction? {
        try await call("eth_getTransactionByHash", [.bytes32(hash)])
    }

    /// The receipt of `hash`, or nil while it is not mined.
    public func receipt(_ hash: TxHash) async throws -> RPCReceipt? {
        try await call("eth_getTransactionReceipt", [.bytes32(hash)])
    }

    /// The block at `tag`, with whole transactions when `fullTransactions`; nil past the head.
    public func block(_ tag: BlockTag, fullTransactions: Bool = false) async throws -> RPCBlock? {
        if case .hash(let hash) = tag { return try await block(hash: hash, fullTransactions: fullTransactions) }
        return try await call("eth_getBlockByNumber", [tag.json, .bool(fullTransactions)])
    }

    /// The block with hash `hash`, or nil when the node does not know it.
    public func block(hash: BlockHash, fullTransactions: Bool = false) async throws -> RPCBlock? {
        try await call("eth_getBlockByHash", [.bytes32(hash), .bool(fullTransactions)])
    }

    /// The logs `filter` selects (`eth_getLogs`).
    public func logs(_ filter: LogFilter) async throws -> [RPCLog] {
        try await call("eth_getLogs", [filter.json])
    }

    /// The network id, as `net_version` gives it (a decimal string).
    public func networkVersion() async throws -> String {
        try await call("net_version")
    }

    /// The node software's name and version (`web3_clientVersion`).
    public func clientVersion() async throws -> String {
        try await call("web3_clientVersion")
    }

    // MARK: Hex results

    private func quantity(_ method: String, _ params: [JSONValue] = []) async throws -> UInt64 {
        try await hexResult(method, params, "a 0x quantity below 2^64") { text throws(QuantityError) in try Quantity.uint64(text) }
    }

    private func uint256(_ method: String, _ params: [JSONValue] = []) async throws -> UInt256 {
        try await hexResult(method, params, "a 0x quantity below 2^256") { text throws(QuantityError) in try Quantity.uint256(text) }
    }

    private func data(_ method: String, _ params: [JSONValue]) async throws -> [UInt8] {
        try await hexResult(method, params, "0x data") { text throws(HexError) in try Hex.decode(text, requirePrefix: true) }
    }

    private func bytes32(_ method: String, _ params: [JSONValue]) async throws -> Bytes32 {
        try await hexResult(method, params, "a 32-byte hash") { text throws(HexError) in try RPCHex.bytes32(text) }
    }

    /// A string result read by `parse`, whose failure becomes `RPCError.decoding` naming what was expected.
    private func hexResult<Value, Failure: Error>(
        _ method: String, _ params: [JSONValue], _ expected: String, _ parse: (String) throws(Failure) -> Value
    ) async throws -> Value {
        let text: String = try await call(method, params)
        do {
            return try parse(text)
        } catch {
            throw RPCError.decoding(method: method, text: String(text.prefix(200)), reason: "expected \(expected): \(error)")
        }
    }
}
