import PodiumPrimitives

/// A user operation in the unpacked form of ERC-4337 v0.7 and ERC-7769's JSON-RPC (`eth_sendUserOperation`): the gas
/// limits and fees as separate numbers, the factory and the paymaster as all-or-none groups.
///
/// `packed()` gives what EntryPoint v0.7 takes on chain, refusing a gas value it would refuse (AA94); gas values are
/// `UInt256` so that an out-of-range one can be held, named and refused rather than cut.
public struct UserOperation: Hashable, Sendable {
    /// The account that validates and executes the operation.
    public var sender: Address
    /// The anti-replay value: a 192-bit key and a 64-bit sequence (`UserOperationNonce`).
    public var nonce: UInt256
    /// The factory that deploys `sender` in this operation, or nil for a deployed account.
    public var factory: Factory?
    /// What the EntryPoint calls the account with.
    public var callData: [UInt8]
    /// The gas the account's execution of `callData` may use.
    public var callGasLimit: UInt256
    /// The gas the account's deployment and `validateUserOp` may use.
    public var verificationGasLimit: UInt256
    /// Gas paid for what the EntryPoint cannot meter: calldata, the bundle's base cost, per-operation overhead.
    public var preVerificationGas: UInt256
    /// The most the operation pays per gas, base fee included (EIP-1559's max fee).
    public var maxFeePerGas: UInt256
    /// The most the operation pays per gas above the base fee (EIP-1559's priority fee).
    public var maxPriorityFeePerGas: UInt256
    /// The paymaster that pays for the operation, or nil when the account pays.
    public var paymaster: Paymaster?
    /// What the account checks the operation hash against.
    public var signature: [UInt8]

    /// The factory group: ERC-7769's `factory` and `factoryData`, EntryPoint v0.7's `initCode` = address ‖ data.
    public struct Factory: Hashable, Sendable {
        /// The factory contract the EntryPoint's sender creator calls.
        public var address: Address
        /// The calldata of that call, which must deploy the account at the operation's sender.
        public var data: [UInt8]

        /// The factory at `address` called with `data`.
        public init(address: Address, data: [UInt8]) {
            (self.address, self.data) = (address, data)
        }
    }

    /// The paymaster group: ERC-7769's `paymaster`, `paymasterVerificationGasLimit`, `paymasterPostOpGasLimit` and
    /// `paymasterData`; EntryPoint v0.7's `paymasterAndData` = address ‖ the two limits (16 bytes each) ‖ data.
    public struct Paymaster: Hashable, Sendable {
        /// The paymaster contract.
        public var address: Address
        /// The gas its `validatePaymasterUserOp` may use.
        public var verificationGasLimit: UInt256
        /// The gas its `postOp` may use.
        public var postOpGasLimit: UInt256
        /// What the paymaster reads for itself (a verifying paymaster's validity window and signature).
        public var data: [UInt8]

        /// The paymaster at `address` with these limits and data.
        public init(address: Address, verificationGasLimit: UInt256, postOpGasLimit: UInt256, data: [UInt8]) {
            (self.address, self.data) = (address, data)
            (self.verificationGasLimit, self.postOpGasLimit) = (verificationGasLimit, postOpGasLimit)
        }
    }

    /// The operation with these fields.
    public init(
        sender: Address, nonce: UInt256, factory: Factory? = nil, callData: [UInt8], callGasLimit: UInt256,
        verificationGasLimit: UInt256, preVerificationGas: UInt256, maxFeePerGas: UInt256,
        maxPriorityFeePerGas: UInt256, paymaster: Paymaster? = nil, signature: [UInt8] = []
    ) {
        (self.sender, self.nonce, self.factory, self.callData) = (sender, nonce, factory, callData)
        (self.callGasLimit, self.verificationGasLimit, self.preVerificationGas) =
            (callGasLimit, verificationGasLimit, preVerificationGas)
        (self.maxFeePerGas, self.maxPriorityFeePerGas) = (maxFeePerGas, maxPriorityFeePerGas)
        (self.paymaster, self.signature) = (paymaster, signature)
    }

    /// The largest gas limit or fee EntryPoint v0.7 accepts, 2¹²⁰ − 1 (`_validatePrepayment`: "AA94 gas values
    /// overflow").
    public static let maximumGasValue = UInt256.max >> 136

    /// The packed form EntryPoint v0.7 takes (ERC-4337, "Entrypoint definition"): accountGasLimits =
    /// verificationGasLimit ‖ callGasLimit, gasFees = maxPriorityFeePerGas ‖ maxFeePerGas (16 bytes each), initCode =
    /// factory ‖ factoryData, paymasterAndData = paymaster ‖ verification limit ‖ postOp limit ‖ paymasterData.
    /// Throws `gasValueTooLarge` naming the first gas value above `maximumGasValue`.
    public func packed() throws(UserOperationError) -> PackedUserOperation {
        var packed = PackedUserOperation(
            sender: sender, nonce: nonce, callData: callData,
            accountGasLimits: try Self.halves(verificationGasLimit, .verificationGasLimit, callGasLimit, .callGasLimit),
            preVerificationGas: try Self.checkedGasValue(preVerificationGas, .preVerificationGas),
            gasFees: try Self.halves(maxPriorityFeePerGas, .maxPriorityFeePerGas, maxFeePerGas, .maxFeePerGas),
            signature: signature)
        if let factory {
            packed.initCode.reserveCapacity(20 + factory.data.count)
            factory.address.withUnsafeBytes { packed.initCode.append(contentsOf: $0) }
            packed.initCode.append(contentsOf: factory.data)
        }
        if let paymaster {
            let limits = try Self.halves(
                paymaster.verificationGasLimit, .paymasterVerificationGasLimit, paymaster.postOpGasLimit,
                .paymasterPostOpGasLimit)
            packed.paymasterAndData.reserveCapacity(52 + paymaster.data.count)
            paymaster.address.withUnsafeBytes { packed.paymasterAndData.append(contentsOf: $0) }
            limits.withUnsafeBytes { packed.paymasterAndData.append(contentsOf: $0) }
            packed.paymasterAndData.append(contentsOf: paymaster.data)
        }
        return packed
    }

    /// The unpacked form of `packed`: initCode split after the factory's 20 bytes, paymasterAndData after the
    /// paymaster's 20 and the two 16-byte limits. Throws `tooShort` for an initCode of 1 to 19 bytes or a
    /// paymasterAndData of 1 to 51 (EntryPoint v0.7 refuses the latter with AA93).
    public init(unpacking packed: PackedUserOperation) throws(UserOperationError) {
        let (verificationGasLimit, callGasLimit) = Self.split(packed.accountGasLimits)
        let (maxPriorityFeePerGas, maxFeePerGas) = Self.split(packed.gasFees)
        self.init(
            sender: packed.sender, nonce: packed.nonce, callData: packed.callData, callGasLimit: callGasLimit,
            verificationGasLimit: verificationGasLimit, preVerificationGas: packed.preVerificationGas,
            maxFeePerGas: maxFeePerGas, maxPriorityFeePerGas: maxPriorityFeePerGas, signature: packed.signature)
        let initCode = packed.initCode
        if !initCode.isEmpty {
            guard initCode.count >= 20 else { throw .tooShort(.initCode, length: initCode.count, minimum: 20) }
            factory = Factory(address: try! Address(initCode[..<20]), data: Array(initCode[20...]))
        }
        let paymasterAndData = packed.paymasterAndData
        if !paymasterAndData.isEmpty {
            guard paymasterAndData.count >= 52 else {
                throw .tooShort(.paymasterAndData, length: paymasterAndData.count, minimum: 52)
            }
            let (verificationLimit, postOpLimit) = Self.split(try! Bytes32(paymasterAndData[20..<52]))
            paymaster = Paymaster(
                address: try! Address(paymasterAndData[..<20]), verificationGasLimit: verificationLimit,
                postOpGasLimit: postOpLimit, data: Array(paymasterAndData[52...]))
        }
    }

    /// `value`, unless it is above `maximumGasValue`.
    static func checkedGasValue(_ value: UInt256, _ field: UserOperationField) throws(UserOperationError) -> UInt256 {
        guard value <= maximumGasValue else { throw .gasValueTooLarge(field, value) }
        return value
    }

    /// `high` ‖ `low`, 16 bytes each, once both are checked against `maximumGasValue`.
    private static func halves(
        _ high: UInt256, _ highField: UserOperationField, _ low: UInt256, _ lowField: UserOperationField
    ) throws(UserOperationError) -> Bytes32 {
        Bytes32(try checkedGasValue(high, highField) << 128 | checkedGasValue(low, lowField))
    }

    /// The high and low 16 bytes of `word` as numbers.
    private static func split(_ word: Bytes32) -> (high: UInt256, low: UInt256) {
        let value = UInt256(word)
        return (value >> 128, value & (UInt256.max >> 128))
    }
}
