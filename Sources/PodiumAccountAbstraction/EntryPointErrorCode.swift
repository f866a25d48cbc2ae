/// An EntryPoint v0.7 failure code: the "AAxx" that starts a `FailedOp` reason, or a `require` message of
/// `handleOps` (eth-infinitism/account-abstraction v0.7.0, EntryPoint.sol and EntryPointSimulations.sol). AA1x is
/// about creating the account, AA2x the account and the operation, AA3x the paymaster, AA9x the bundle itself.
public enum EntryPointErrorCode: String, CaseIterable, Hashable, Sendable {
    /// "AA10 sender already constructed".
    case senderAlreadyConstructed = "AA10"
    /// "AA13 initCode failed or OOG".
    case initCodeFailed = "AA13"
    /// "AA14 initCode must return sender".
    case initCodeMustReturnSender = "AA14"
    /// "AA15 initCode must create sender".
    case initCodeMustCreateSender = "AA15"
    /// "AA20 account not deployed".
    case accountNotDeployed = "AA20"
    /// "AA21 didn't pay prefund".
    case didNotPayPrefund = "AA21"
    /// "AA22 expired or not due".
    case expiredOrNotDue = "AA22"
    /// "AA23 reverted".
    case accountReverted = "AA23"
    /// "AA24 signature error".
    case signatureError = "AA24"
    /// "AA25 invalid account nonce".
    case invalidNonce = "AA25"
    /// "AA26 over verificationGasLimit".
    case overVerificationGasLimit = "AA26"
    /// "AA30 paymaster not deployed".
    case paymasterNotDeployed = "AA30"
    /// "AA31 paymaster deposit too low".
    case paymasterDepositTooLow = "AA31"
    /// "AA32 paymaster expired or not due".
    case paymasterExpiredOrNotDue = "AA32"
    /// "AA33 reverted".
    case paymasterReverted = "AA33"
    /// "AA34 signature error".
    case paymasterSignatureError = "AA34"
    /// "AA36 over paymasterVerificationGasLimit".
    case overPaymasterVerificationGasLimit = "AA36"
    /// "AA90 invalid beneficiary".
    case invalidBeneficiary = "AA90"
    /// "AA91 failed send to beneficiary".
    case failedSendToBeneficiary = "AA91"
    /// "AA92 internal call only".
    case internalCallOnly = "AA92"
    /// "AA93 invalid paymasterAndData".
    case invalidPaymasterAndData = "AA93"
    /// "AA94 gas values overflow".
    case gasValuesOverflow = "AA94"
    /// "AA95 out of gas".
    case outOfGas = "AA95"
    /// "AA96 invalid aggregator".
    case invalidAggregator = "AA96"

    /// The code that starts `reason` ("AA33 reverted" gives AA33), or nil when it starts with no known code.
    public init?(reason: String) {
        self.init(rawValue: String(reason.prefix(4)))
    }

    /// The EntryPoint's reason string, exactly as v0.7 reverts with it.
    public var reason: String {
        switch self {
        case .senderAlreadyConstructed: "AA10 sender already constructed"
        case .initCodeFailed: "AA13 initCode failed or OOG"
        case .initCodeMustReturnSender: "AA14 initCode must return sender"
        case .initCodeMustCreateSender: "AA15 initCode must create sender"
        case .accountNotDeployed: "AA20 account not deployed"
        case .didNotPayPrefund: "AA21 didn't pay prefund"
        case .expiredOrNotDue: "AA22 expired or not due"
        case .accountReverted: "AA23 reverted"
        case .signatureError: "AA24 signature error"
        case .invalidNonce: "AA25 invalid account nonce"
        case .overVerificationGasLimit: "AA26 over verificationGasLimit"
        case .paymasterNotDeployed: "AA30 paymaster not deployed"
        case .paymasterDepositTooLow: "AA31 paymaster deposit too low"
        case .paymasterExpiredOrNotDue: "AA32 paymaster expired or not due"
        case .paymasterReverted: "AA33 reverted"
        case .paymasterSignatureError: "AA34 signature error"
        case .overPaymasterVerificationGasLimit: "AA36 over paymasterVerificationGasLimit"
        case .invalidBeneficiary: "AA90 invalid beneficiary"
        case .failedSendToBeneficiary: "AA91 failed send to beneficiary"
        case .internalCallOnly: "AA92 internal call only"
        case .invalidPaymasterAndData: "AA93 invalid paymasterAndData"
        case .gasValuesOverflow: "AA94 gas values overflow"
        case .outOfGas: "AA95 out of gas"
        case .invalidAggregator: "AA96 invalid aggregator"
        }
    }

    /// What happened, and what to look at.
    public var meaning: String {
        switch self {
        case .senderAlreadyConstructed: "the operation carries a factory for an account that is already deployed"
        case .initCodeFailed: "the factory call reverted or ran out of the verification gas limit"
        case .initCodeMustReturnSender: "the factory returned another address than the operation's sender"
        case .initCodeMustCreateSender: "the factory returned the sender but left no code there"
        case .accountNotDeployed: "the sender has no code and the operation no factory"
        case .didNotPayPrefund: "the account did not deposit the prefund its validation owed"
        case .expiredOrNotDue: "the account's signature is outside its validity window"
        case .accountReverted: "the account's validateUserOp reverted or ran out of gas"
        case .signatureError: "the account's signature check failed (or named another aggregator)"
        case .invalidNonce: "the nonce is not the next in its key's sequence"
        case .overVerificationGasLimit: "account creation and validation used more than verificationGasLimit"
        case .paymasterNotDeployed: "the paymaster has no code"
        case .paymasterDepositTooLow: "the paymaster's EntryPoint deposit is below the operation's prefund"
        case .paymasterExpiredOrNotDue: "the paymaster's approval is outside its validity window"
        case .paymasterReverted: "the paymaster's validatePaymasterUserOp reverted or ran out of gas"
        case .paymasterSignatureError: "the paymaster's signature check failed"
        case .overPaymasterVerificationGasLimit: "paymaster validation used more than paymasterVerificationGasLimit"
        case .invalidBeneficiary: "handleOps was given the zero address as beneficiary"
        case .failedSendToBeneficiary: "the beneficiary refused the bundle's fees"
        case .internalCallOnly: "innerHandleOp was called from outside the EntryPoint"
        case .invalidPaymasterAndData: "paymasterAndData is shorter than the paymaster's 52-byte header"
        case .gasValuesOverflow: "a gas limit or fee is above 2^120 - 1"
        case .outOfGas: "handleOps was sent with too little gas for the operation's call and postOp limits"
        case .invalidAggregator: "handleAggregatedOps was given the signature-failure marker as aggregator"
        }
    }

    /// Who is at fault.
    public var party: UserOperationParty {
        switch self {
        case .initCodeFailed, .initCodeMustReturnSender, .initCodeMustCreateSender: .factory
        case .paymasterNotDeployed, .paymasterDepositTooLow, .paymasterExpiredOrNotDue, .paymasterReverted,
            .paymasterSignatureError, .overPaymasterVerificationGasLimit:
            .paymaster
        case .invalidBeneficiary, .failedSendToBeneficiary, .internalCallOnly, .outOfGas, .invalidAggregator: .bundler
        default: .account
        }
    }

    /// The ERC-7769 code a bundler answers `eth_sendUserOperation` with when an operation fails this way: -32503
    /// for a validity window, -32507 for a signature, -32501 for the rest of the paymaster's, -32602 for fields the
    /// bundler checks before simulating, -32500 otherwise; nil for the bundle's own failures, which no single
    /// operation causes.
    public var bundlerErrorCode: BundlerErrorCode? {
        switch self {
        case .expiredOrNotDue, .paymasterExpiredOrNotDue: .outOfTimeRange
        case .signatureError, .paymasterSignatureError: .signatureCheckFailed
        case .paymasterNotDeployed, .paymasterDepositTooLow, .paymasterReverted, .overPaymasterVerificationGasLimit:
            .rejectedByPaymaster
        case .invalidPaymasterAndData, .gasValuesOverflow: .invalidFields
        case .invalidBeneficiary, .failedSendToBeneficiary, .internalCallOnly, .outOfGas, .invalidAggregator: nil
        default: .rejectedByEntryPoint
        }
    }
}

extension EntryPointErrorCode: CustomStringConvertible {
    /// `AA33`.
    public var description: String { rawValue }
}
