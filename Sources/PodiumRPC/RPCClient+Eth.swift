import PodiumPrimitives

/// The standard `eth_`, `net_` and `web3_` methods, with typed parameters and results.
extension RPCClient {
    public func chainID() async throws(RPCError) -> UInt64 {
        try await quantity("eth_chainId")
    }

    public func blockNumber() async throws(RPCError) -> UInt64 {
        try await quantity("eth_blockNumber")
    }

    public func balance(of address: Address, at block: BlockTag = .latest) async throws(RPCError) -> UInt256 {
        try await uint256("eth_getBalance", [.address(address), block.json])
    }

    /// The number of transactions `address` has sent: its next nonce.
    public func transactionCount(of address: Address, at block: BlockTag = .latest) async throws(RPCError) -> UInt64 {
        try await quantity("eth_getTransactionCount", [.address(address), block.json])
    }

    public func code(at address: Address, block: BlockTag = .latest) async throws(RPCError) -> [UInt8] {
        try await data("eth_getCode", [.address(address), block.json])
    }

    public func storage(at address: Address, slot: UInt256, block: BlockTag = .latest) async throws(RPCError) -> Bytes32 {
        let bytes = try await data("eth_getStorageAt", [.address(address), .quantity(slot), block.json])
        guard let word = try? Bytes32(bytes) else { throw .invalidResponse("eth_getStorageAt: expected 32 bytes, got \(bytes.count)") }
        return word
    }

    public func gasPrice() async throws(RPCError) -> UInt256 {
        try await uint256("eth_gasPrice")
    }

    public func maxPriorityFeePerGas() async throws(RPCError) -> UInt256 {
        try await uint256("eth_maxPriorityFeePerGas")
    }

    /// Base fees and priority-fee `percentiles` of the `blockCount` blocks up to `newest`.
    public func feeHistory(blockCount: UInt64, newest: BlockTag = .latest, percentiles: [Double] = []) async throws(RPCError) -> FeeHistory {
        try await call("eth_feeHistory", [.quantity(blockCount), newest.json, .array(percentiles.map { .number(String($0)) })])
    }

    /// What `request` would return, executed at `block`; a revert throws `RPCError.node` with the revert data.
    public func call(_ request: CallRequest, at block: BlockTag = .latest) async throws(RPCError) -> [UInt8] {
        try await data("eth_call", [request.json, block.json])
    }

    public func estimateGas(_ request: CallRequest) async throws(RPCError) -> UInt64 {
        try await quantity("eth_estimateGas", [request.json])
    }

    /// Submits a signed transaction and returns its hash.
    public func sendRawTransaction(_ raw: [UInt8]) async throws(RPCError) -> TxHash {
        try await bytes32("eth_sendRawTransaction", [.data(raw)])
    }

    /// The transaction `hash`, or nil when the node does not know it.
    public func transaction(_ hash: TxHash) async throws(RPCError) -> RPCTransaction? {
        try await call("eth_getTransactionByHash", [.bytes32(hash)])
    }

    /// The receipt of `hash`, or nil while it is not mined.
    public func receipt(_ hash: TxHash) async throws(RPCError) -> RPCReceipt? {
        try await call("eth_getTransactionReceipt", [.bytes32(hash)])
    }

    /// The block at `tag`, with whole transactions when `fullTransactions`; nil past the head.
    public func block(_ tag: BlockTag, fullTransactions: Bool = false) async throws(RPCError) -> RPCBlock? {
        try await call("eth_getBlockByNumber", [tag.json, .bool(fullTransactions)])
    }

    /// The block with hash `hash`, or nil when the node does not know it.
    public func block(hash: BlockHash, fullTransactions: Bool = false) async throws(RPCError) -> RPCBlock? {
        try await call("eth_getBlockByHash", [.bytes32(hash), .bool(fullTransactions)])
    }

    public func logs(_ filter: LogFilter) async throws(RPCError) -> [RPCLog] {
        try await call("eth_getLogs", [filter.json])
    }

    /// The network id, as `net_version` gives it (a decimal string).
    public func networkVersion() async throws(RPCError) -> String {
        try await call("net_version")
    }

    public func clientVersion() async throws(RPCError) -> String {
        try await call("web3_clientVersion")
    }

    // MARK: Hex results

    private func quantity(_ method: String, _ params: [JSONValue] = []) async throws(RPCError) -> UInt64 {
        let text: String = try await call(method, params)
        guard let value = HexQuantity.uint64(text) else {
            throw .invalidResponse("\(method): expected a 0x quantity below 2^64, got \(text.debugDescription)")
        }
        return value
    }

    private func uint256(_ method: String, _ params: [JSONValue] = []) async throws(RPCError) -> UInt256 {
        let text: String = try await call(method, params)
        guard let value = HexQuantity.uint256(text) else {
            throw .invalidResponse("\(method): expected a 0x quantity below 2^256, got \(text.debugDescription)")
        }
        return value
    }

    private func data(_ method: String, _ params: [JSONValue]) async throws(RPCError) -> [UInt8] {
        let text: String = try await call(method, params)
        guard let bytes = try? Hex.decode(text, requirePrefix: true) else {
            throw .invalidResponse("\(method): expected 0x data, got \(text.prefix(80).debugDescription)")
        }
        return bytes
    }

    private func bytes32(_ method: String, _ params: [JSONValue]) async throws(RPCError) -> Bytes32 {
        let text: String = try await call(method, params)
        guard let word = try? Bytes32(hex: text) else {
            throw .invalidResponse("\(method): expected a 32-byte hash, got \(text.debugDescription)")
        }
        return word
    }
}
