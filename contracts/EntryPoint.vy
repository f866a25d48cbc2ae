#pragma version 0.4.3
"""
@title EntryPoint
@license MIT
@notice An ERC-4337 v0.7 entry point: behaves as eth-infinitism's EntryPoint v0.7.0
        (0x0000000071727De22E5E9d8BAf0edAc6f37da032) for handleOps, nonces, deposits and
        stakes, with its function selectors, events and errors.
@dev Bounds (Vyper needs bounded types; the Swift bundler mirrors them, contracts/README.md):
       at most 8 user operations per handleOps; initCode <= 512 bytes, callData <= 4096,
       paymasterAndData <= 512, signature <= 512; a paymaster's context <= 512 bytes.
     An operation past a bound fails in ABI decoding (empty revert data).

     Errors, as v0.7 (Vyper has no custom errors; raw_revert builds them):
       FailedOp(uint256 opIndex, string reason)                       0x220266b6
       FailedOpWithRevert(uint256 opIndex, string reason, bytes inner) 0x65c8fd4d
       SenderAddressResult(address sender)                             0x6ca7b806
       PostOpReverted(bytes returnData)                                0xad7954bc (innerHandleOp)
     and Error(string) for AA90-AA94, as v0.7's `require`s.

     Deviations from v0.7.0 (contracts/README.md): a sender with no code and no initCode fails
     with FailedOp "AA20 account not deployed" (v0.7.0 reverts without data there); no
     handleAggregatedOps, delegateAndRevert or IAccountExecute.executeUserOp re-encoding; the
     reentrancy guard (transient storage) reverts without data; UserOpInfo.contextOffset, a memory
     offset in v0.7, is 0 here; senderCreator() is public; deposits(address) answers one tuple
     (the same bytes as v0.7's five values).
"""

# The user operation as v0.7 packs it (bounded here, see above).
struct PackedUserOperation:
    sender: address
    nonce: uint256
    initCode: Bytes[MAX_INIT_CODE]
    callData: Bytes[MAX_CALL_DATA]
    accountGasLimits: bytes32
    preVerificationGas: uint256
    gasFees: bytes32
    paymasterAndData: Bytes[MAX_PAYMASTER_AND_DATA]
    signature: Bytes[MAX_SIGNATURE]


# v0.7's EntryPoint.MemoryUserOp and UserOpInfo: the arguments of innerHandleOp, whose
# selector (0x0042dc53) is therefore v0.7's.
struct MemoryUserOp:
    sender: address
    nonce: uint256
    verificationGasLimit: uint256
    callGasLimit: uint256
    paymasterVerificationGasLimit: uint256
    paymasterPostOpGasLimit: uint256
    preVerificationGas: uint256
    paymaster: address
    maxFeePerGas: uint256
    maxPriorityFeePerGas: uint256


struct UserOpInfo:
    mUserOp: MemoryUserOp
    userOpHash: bytes32
    prefund: uint256
    contextOffset: uint256
    preOpGas: uint256


struct DepositInfo:
    deposit: uint256
    staked: bool
    stake: uint112
    unstakeDelaySec: uint32
    withdrawTime: uint48


event UserOperationEvent:
    userOpHash: indexed(bytes32)
    sender: indexed(address)
    paymaster: indexed(address)
    nonce: uint256
    success: bool
    actualGasCost: uint256
    actualGasUsed: uint256


event AccountDeployed:
    userOpHash: indexed(bytes32)
    sender: indexed(address)
    factory: address
    paymaster: address


event UserOperationRevertReason:
    userOpHash: indexed(bytes32)
    sender: indexed(address)
    nonce: uint256
    revertReason: Bytes[REVERT_REASON_MAX_LEN]


event PostOpRevertReason:
    userOpHash: indexed(bytes32)
    sender: indexed(address)
    nonce: uint256
    revertReason: Bytes[REVERT_REASON_MAX_LEN]


event UserOperationPrefundTooLow:
    userOpHash: indexed(bytes32)
    sender: indexed(address)
    nonce: uint256


event BeforeExecution:
    pass


event Deposited:
    account: indexed(address)
    totalDeposit: uint256


event Withdrawn:
    account: indexed(address)
    withdrawAddress: address
    amount: uint256


event StakeLocked:
    account: indexed(address)
    totalStaked: uint256
    unstakeDelaySec: uint256


event StakeUnlocked:
    account: indexed(address)
    withdrawTime: uint256


event StakeWithdrawn:
    account: indexed(address)
    withdrawAddress: address
    amount: uint256


MAX_OPS: constant(uint256) = 8
MAX_INIT_CODE: constant(uint256) = 512
MAX_CALL_DATA: constant(uint256) = 4096
MAX_PAYMASTER_AND_DATA: constant(uint256) = 512
MAX_SIGNATURE: constant(uint256) = 512
MAX_CONTEXT: constant(uint256) = 512
# What a revert reason is cut to (v0.7's REVERT_REASON_MAX_LEN).
REVERT_REASON_MAX_LEN: constant(uint256) = 2048

# v0.7's INNER_GAS_OVERHEAD: kept for innerHandleOp's own work in the 63/64 check.
INNER_GAS_OVERHEAD: constant(uint256) = 10000
# v0.7's UNUSED_GAS_PENALTY_PERCENT: charged on unused callGasLimit + paymasterPostOpGasLimit.
PENALTY_PERCENT: constant(uint256) = 10
MAX_UINT120: constant(uint256) = 2**120 - 1
MAX_UINT48: constant(uint256) = 2**48 - 1
MAX_UINT112: constant(uint256) = 2**112 - 1
MAX_UINT128: constant(uint256) = 2**128 - 1
MAX_UINT160: constant(uint256) = 2**160 - 1
MAX_UINT64: constant(uint256) = 2**64 - 1
PAYMASTER_DATA_OFFSET: constant(uint256) = 52

# The revert data innerHandleOp uses to tell handleOps what happened (v0.7's markers).
INNER_OUT_OF_GAS: constant(bytes32) = 0xdeaddead00000000000000000000000000000000000000000000000000000000
INNER_REVERT_LOW_PREFUND: constant(bytes32) = 0xdeadaa5100000000000000000000000000000000000000000000000000000000

# PostOpMode
OP_SUCCEEDED: constant(uint8) = 0
OP_REVERTED: constant(uint8) = 1
POST_OP_REVERTED: constant(uint8) = 2

FAILED_OP: constant(bytes4) = 0x220266b6
FAILED_OP_WITH_REVERT: constant(bytes4) = 0x65c8fd4d
SENDER_ADDRESS_RESULT: constant(bytes4) = 0x6ca7b806
POST_OP_REVERTED_ERROR: constant(bytes4) = 0xad7954bc
VALIDATE_USER_OP: constant(bytes4) = 0x19822f7c
VALIDATE_PAYMASTER_USER_OP: constant(bytes4) = 0x52b7512c
POST_OP: constant(bytes4) = 0x7c627b21
INNER_HANDLE_OP: constant(bytes4) = 0x0042dc53
CREATE_SENDER: constant(bytes4) = 0x570e1a36

# The creation code of the SenderCreator the constructor deploys (as v0.7's constructor does):
# factory calls come from it, never from the entry point, so a factory (or an account named as
# one) never sees the entry point as its caller. Its 65-byte runtime takes the calldata of
# createSender(bytes initCode) (initCode of 20 bytes or more; the selector is not checked; no
# value), calls initCode[0:20] with initCode[20:] and all its gas, and returns the first word
# of the answer masked to an address, or the zero address if the call failed:
#   00 CALLVALUE PUSH1 0x3d JUMPI               value: revert
#   04 PUSH1 0x20 PUSH0                         retSize 32, retOffset 0
#   07 PUSH1 0x14 PUSH1 0x24 CALLDATALOAD SUB   argsSize = len(initCode) - 20
#   0d DUP1 PUSH1 0x58 PUSH1 0x20 CALLDATACOPY  memory[0x20:] = initCode[20:]
#   13 PUSH1 0x20 PUSH0                         argsOffset 0x20, value 0
#   16 PUSH1 0x44 CALLDATALOAD PUSH1 0x60 SHR   address initCode[0:20]
#   1c GAS CALL
#   1e PUSH0 MLOAD PUSH20 0xff..ff AND MUL      the answer's first word if the call succeeded, else 0
#   37 PUSH0 MSTORE PUSH1 0x20 PUSH0 RETURN
#   3d JUMPDEST PUSH0 PUSH0 REVERT
# behind the 9-byte loader PUSH1 0x41 DUP1 PUSH1 0x09 PUSH0 CODECOPY PUSH0 RETURN.
SENDER_CREATOR_INITCODE: constant(Bytes[74]) = x"60418060095f395ff334603d5760205f60146024350380605860203760205f60443560601c5af15f5173ffffffffffffffffffffffffffffffffffffffff16025f5260205ff35b5f5ffd"


# The SenderCreator deployed by the constructor.
senderCreator: public(address)

# account => deposit info (v0.7's public `deposits` mapping)
deposits: public(HashMap[address, DepositInfo])

# sender => key => next sequence number (v0.7's NonceManager)
nonceSequenceNumber: public(HashMap[address, HashMap[uint192, uint256]])


@deploy
def __init__():
    """
    @notice Deploys the SenderCreator through which accounts are created from initCode.
    """
    self.senderCreator = raw_create(SENDER_CREATOR_INITCODE)


# Deposits and stakes (v0.7's StakeManager)


@external
@payable
def __default__():
    """
    @notice Plain ETH (no calldata) is a deposit for the sender, as v0.7's receive(); calls
            with data that match no function revert.
    """
    assert len(msg.data) == 0
    self._deposit_to(msg.sender, msg.value)


@external
@payable
def depositTo(account: address):
    """
    @notice Adds msg.value to the deposit of `account`.
    """
    self._deposit_to(account, msg.value)


@internal
def _deposit_to(account: address, amount: uint256):
    total: uint256 = self.deposits[account].deposit + amount
    self.deposits[account].deposit = total
    log Deposited(account=account, totalDeposit=total)


@view
@external
def balanceOf(account: address) -> uint256:
    """
    @notice The deposit of `account`, in wei.
    """
    return self.deposits[account].deposit


@view
@external
def getDepositInfo(account: address) -> DepositInfo:
    """
    @notice The deposit and stake of `account`.
    """
    return self.deposits[account]


@external
def withdrawTo(withdrawAddress: address, withdrawAmount: uint256):
    """
    @notice Withdraws `withdrawAmount` of the caller's deposit to `withdrawAddress`.
    """
    deposit: uint256 = self.deposits[msg.sender].deposit
    assert withdrawAmount <= deposit, "Withdraw amount too large"
    self.deposits[msg.sender].deposit = deposit - withdrawAmount
    log Withdrawn(account=msg.sender, withdrawAddress=withdrawAddress, amount=withdrawAmount)
    success: bool = raw_call(withdrawAddress, b"", value=withdrawAmount, revert_on_failure=False)
    assert success, "failed to withdraw"


@external
@payable
def addStake(unstakeDelaySec: uint32):
    """
    @notice Adds msg.value to the caller's stake and locks it with `unstakeDelaySec`.
    """
    info: DepositInfo = self.deposits[msg.sender]
    assert unstakeDelaySec > 0, "must specify unstake delay"
    assert unstakeDelaySec >= info.unstakeDelaySec, "cannot decrease unstake time"
    stake: uint256 = convert(info.stake, uint256) + msg.value
    assert stake > 0, "no stake specified"
    assert stake <= MAX_UINT112, "stake overflow"
    self.deposits[msg.sender] = DepositInfo(
        deposit=info.deposit,
        staked=True,
        stake=convert(stake, uint112),
        unstakeDelaySec=unstakeDelaySec,
        withdrawTime=0,
    )
    log StakeLocked(account=msg.sender, totalStaked=stake, unstakeDelaySec=convert(unstakeDelaySec, uint256))


@external
def unlockStake():
    """
    @notice Starts the unstake delay of the caller's stake.
    """
    info: DepositInfo = self.deposits[msg.sender]
    assert info.unstakeDelaySec != 0, "not staked"
    assert info.staked, "already unstaking"
    withdraw_time: uint256 = (block.timestamp & MAX_UINT48) + convert(info.unstakeDelaySec, uint256)
    self.deposits[msg.sender].withdrawTime = convert(withdraw_time, uint48)
    self.deposits[msg.sender].staked = False
    log StakeUnlocked(account=msg.sender, withdrawTime=withdraw_time)


@external
def withdrawStake(withdrawAddress: address):
    """
    @notice Withdraws the caller's whole unlocked stake to `withdrawAddress`.
    """
    info: DepositInfo = self.deposits[msg.sender]
    stake: uint256 = convert(info.stake, uint256)
    assert stake > 0, "No stake to withdraw"
    assert info.withdrawTime > 0, "must call unlockStake() first"
    assert convert(info.withdrawTime, uint256) <= block.timestamp, "Stake withdrawal is not due"
    self.deposits[msg.sender].unstakeDelaySec = 0
    self.deposits[msg.sender].withdrawTime = 0
    self.deposits[msg.sender].stake = 0
    log StakeWithdrawn(account=msg.sender, withdrawAddress=withdrawAddress, amount=stake)
    success: bool = raw_call(withdrawAddress, b"", value=stake, revert_on_failure=False)
    assert success, "failed to withdraw stake"


# Nonces (v0.7's NonceManager)


@view
@external
def getNonce(sender: address, key: uint192) -> uint256:
    """
    @notice The next nonce of `sender` under `key`: key << 64 | sequence number.
    """
    return self.nonceSequenceNumber[sender][key] | (convert(key, uint256) << 64)


@external
def incrementNonce(key: uint192):
    """
    @notice Skips one sequence number of the caller's nonce under `key`.
    """
    self.nonceSequenceNumber[msg.sender][key] += 1


# Views


@view
@external
def getUserOpHash(userOp: PackedUserOperation) -> bytes32:
    """
    @notice keccak256(abi.encode(keccak256(pack(userOp)), entryPoint, chainid)), pack as v0.7's
            UserOperationLib.encode (the dynamic fields hashed, the signature left out).
    """
    return self._user_op_hash(userOp.sender, userOp.nonce, keccak256(userOp.initCode), keccak256(userOp.callData),
                              userOp.accountGasLimits, userOp.preVerificationGas, userOp.gasFees,
                              keccak256(userOp.paymasterAndData))


@view
@internal
def _user_op_hash(sender: address, nonce: uint256, init_code_hash: bytes32, call_data_hash: bytes32,
                  account_gas_limits: bytes32, pre_verification_gas: uint256, gas_fees: bytes32,
                  paymaster_and_data_hash: bytes32) -> bytes32:
    packed: bytes32 = keccak256(abi_encode(sender, nonce, init_code_hash, call_data_hash, account_gas_limits,
                                           pre_verification_gas, gas_fees, paymaster_and_data_hash))
    return keccak256(abi_encode(packed, self, chain.id))


@external
def getSenderAddress(initCode: Bytes[MAX_INIT_CODE]):
    """
    @notice Always reverts with SenderAddressResult(address): the account `initCode` creates
            (or the zero address if its factory call fails). Meant for eth_call.
    """
    sender: address = self._create_sender(initCode, msg.gas)
    raw_revert(concat(SENDER_ADDRESS_RESULT, abi_encode(sender)))


@view
@external
def supportsInterface(interfaceId: bytes4) -> bool:
    """
    @notice ERC-165, answering as v0.7.0 does (IEntryPoint, IStakeManager, INonceManager, their
            XOR, ERC-165).
    """
    return interfaceId in [0x60fc6b6e, 0x915074d8, 0xcf28ef97, 0x3e84f021, 0x01ffc9a7]


# handleOps
#
# Memory: Vyper lays an internal function's frame below its caller's, and memory costs gas by
# the highest byte touched. handleOps' argument takes 47 KB (8 operations at their bounds), so
# the big buffers (encoded calls, answers, revert data) are statement and loop temporaries of
# handleOps itself, reused from one step to the next, and the internal functions stay small.


@external
@nonreentrant
def handleOps(ops: DynArray[PackedUserOperation, MAX_OPS], beneficiary: address):
    """
    @notice Validates every operation (a failure reverts the whole call with FailedOp or
            FailedOpWithRevert naming the operation), then executes each and pays
            `beneficiary` what they cost.
    """
    infos: DynArray[UserOpInfo, MAX_OPS] = []
    contexts: DynArray[Bytes[MAX_CONTEXT], MAX_OPS] = []

    for i: uint256 in range(len(ops), bound=MAX_OPS):
        # v0.7's _validatePrepayment
        pre_gas: uint256 = msg.gas
        info: UserOpInfo = empty(UserOpInfo)

        # v0.7's _copyUserOpToMemory
        info.mUserOp.sender = ops[i].sender
        info.mUserOp.nonce = ops[i].nonce
        limits: uint256 = convert(ops[i].accountGasLimits, uint256)
        info.mUserOp.verificationGasLimit = limits >> 128
        info.mUserOp.callGasLimit = limits & MAX_UINT128
        info.mUserOp.preVerificationGas = ops[i].preVerificationGas
        fees: uint256 = convert(ops[i].gasFees, uint256)
        info.mUserOp.maxPriorityFeePerGas = fees >> 128
        info.mUserOp.maxFeePerGas = fees & MAX_UINT128
        if len(ops[i].paymasterAndData) > 0:
            assert len(ops[i].paymasterAndData) >= PAYMASTER_DATA_OFFSET, "AA93 invalid paymasterAndData"
            info.mUserOp.paymaster = convert(convert(extract32(ops[i].paymasterAndData, 0, output_type=uint256) >> 96, uint160), address)
            pm_gas: uint256 = extract32(ops[i].paymasterAndData, 20, output_type=uint256)
            info.mUserOp.paymasterVerificationGasLimit = pm_gas >> 128
            info.mUserOp.paymasterPostOpGasLimit = pm_gas & MAX_UINT128

        info.userOpHash = self._user_op_hash(ops[i].sender, ops[i].nonce, keccak256(ops[i].initCode),
                                             keccak256(ops[i].callData), ops[i].accountGasLimits,
                                             ops[i].preVerificationGas, ops[i].gasFees,
                                             keccak256(ops[i].paymasterAndData))

        sender: address = info.mUserOp.sender
        paymaster: address = info.mUserOp.paymaster
        verification_gas_limit: uint256 = info.mUserOp.verificationGasLimit
        assert (info.mUserOp.preVerificationGas | verification_gas_limit | info.mUserOp.callGasLimit
                | info.mUserOp.paymasterVerificationGasLimit | info.mUserOp.paymasterPostOpGasLimit
                | info.mUserOp.maxFeePerGas | info.mUserOp.maxPriorityFeePerGas) <= MAX_UINT120, "AA94 gas values overflow"

        required_prefund: uint256 = (verification_gas_limit + info.mUserOp.callGasLimit
                                     + info.mUserOp.paymasterVerificationGasLimit
                                     + info.mUserOp.paymasterPostOpGasLimit
                                     + info.mUserOp.preVerificationGas) * info.mUserOp.maxFeePerGas

        # v0.7's _validateAccountPrepayment
        if len(ops[i].initCode) != 0:
            self._create_sender_if_needed(i, info, ops[i].initCode)
        missing_account_funds: uint256 = 0
        if paymaster == empty(address):
            balance: uint256 = self.deposits[sender].deposit
            if balance <= required_prefund:
                missing_account_funds = required_prefund - balance
        success: bool = False
        answer: Bytes[REVERT_REASON_MAX_LEN] = b""
        success, answer = raw_call(sender,
                                   abi_encode(ops[i], info.userOpHash, missing_account_funds, method_id=VALIDATE_USER_OP),
                                   max_outsize=REVERT_REASON_MAX_LEN, gas=verification_gas_limit,
                                   revert_on_failure=False)
        if not success:
            raw_revert(abi_encode(i, "AA23 reverted", answer, method_id=FAILED_OP_WITH_REVERT))
        if len(answer) < 32:
            # No uint256 came back: an address without code (v0.7.0 reverts without data here), or an
            # account with a malformed answer (reverts without data, as v0.7.0's decoding).
            if sender.codesize == 0:
                self._fail(i, "AA20 account not deployed")
            raw_revert(b"")
        validation_data: uint256 = extract32(answer, 0, output_type=uint256)
        if paymaster == empty(address):
            deposit: uint256 = self.deposits[sender].deposit
            if required_prefund > deposit:
                self._fail(i, "AA21 didn't pay prefund")
            self.deposits[sender].deposit = deposit - required_prefund

        # v0.7's _validateAndUpdateNonce
        key: uint192 = convert(info.mUserOp.nonce >> 64, uint192)
        sequence: uint256 = self.nonceSequenceNumber[sender][key]
        self.nonceSequenceNumber[sender][key] = sequence + 1
        if sequence != info.mUserOp.nonce & MAX_UINT64:
            self._fail(i, "AA25 invalid account nonce")

        if pre_gas - msg.gas > verification_gas_limit:
            self._fail(i, "AA26 over verificationGasLimit")

        # v0.7's _validatePaymasterPrepayment
        context: Bytes[MAX_CONTEXT] = b""
        paymaster_validation_data: uint256 = 0
        if paymaster != empty(address):
            pm_pre_gas: uint256 = msg.gas
            pm_verification_gas_limit: uint256 = info.mUserOp.paymasterVerificationGasLimit
            pm_deposit: uint256 = self.deposits[paymaster].deposit
            if pm_deposit < required_prefund:
                self._fail(i, "AA31 paymaster deposit too low")
            self.deposits[paymaster].deposit = pm_deposit - required_prefund
            success, answer = raw_call(paymaster,
                                       abi_encode(ops[i], info.userOpHash, required_prefund,
                                                  method_id=VALIDATE_PAYMASTER_USER_OP),
                                       max_outsize=REVERT_REASON_MAX_LEN, gas=pm_verification_gas_limit,
                                       revert_on_failure=False)
            if not success:
                raw_revert(abi_encode(i, "AA33 reverted", answer, method_id=FAILED_OP_WITH_REVERT))
            # (bytes context, uint256 validationData); a context over MAX_CONTEXT bytes, or an answer
            # that is not this, reverts without data (as v0.7.0's decoding of a malformed answer).
            context, paymaster_validation_data = abi_decode(answer, (Bytes[MAX_CONTEXT], uint256))
            if pm_pre_gas - msg.gas > pm_verification_gas_limit:
                self._fail(i, "AA36 over paymasterVerificationGasLimit")

        info.prefund = required_prefund
        info.preOpGas = pre_gas - msg.gas + info.mUserOp.preVerificationGas

        # v0.7's _validateAccountAndPaymasterValidationData (no aggregator expected)
        aggregator: address = empty(address)
        out_of_time_range: bool = False
        aggregator, out_of_time_range = self._validation_data(validation_data)
        if aggregator != empty(address):
            self._fail(i, "AA24 signature error")
        if out_of_time_range:
            self._fail(i, "AA22 expired or not due")
        aggregator, out_of_time_range = self._validation_data(paymaster_validation_data)
        if aggregator != empty(address):
            self._fail(i, "AA34 signature error")
        if out_of_time_range:
            self._fail(i, "AA32 paymaster expired or not due")

        infos.append(info)
        contexts.append(context)

    log BeforeExecution()

    collected: uint256 = 0
    for i: uint256 in range(len(ops), bound=MAX_OPS):
        # v0.7's _executeUserOp: innerHandleOp through a call to this contract, so that a reverting
        # postOp undoes the operation's execution too.
        pre_gas: uint256 = msg.gas
        success: bool = False
        answer: Bytes[REVERT_REASON_MAX_LEN] = b""
        success, answer = raw_call(self, abi_encode(ops[i].callData, infos[i], contexts[i], method_id=INNER_HANDLE_OP),
                                   max_outsize=REVERT_REASON_MAX_LEN, gas=msg.gas, revert_on_failure=False)
        if success:
            collected += extract32(answer, 0, output_type=uint256)
            continue

        inner_revert_code: bytes32 = empty(bytes32)
        if len(answer) == 32:
            inner_revert_code = extract32(answer, 0)
        if inner_revert_code == INNER_OUT_OF_GAS:
            # handleOps was given too little gas for this operation: the bundler's fault.
            self._fail(i, "AA95 out of gas")
        if inner_revert_code == INNER_REVERT_LOW_PREFUND:
            # The prefund did not cover the cost: all of it is the cost.
            actual_gas: uint256 = pre_gas - msg.gas + infos[i].preOpGas
            self._log_prefund_too_low(infos[i])
            self._log_user_operation_event(infos[i], False, infos[i].prefund, actual_gas)
            collected += infos[i].prefund
            continue

        # postOp reverted (or innerHandleOp failed otherwise): the execution is undone and the
        # operation is still charged, without calling postOp again.
        log PostOpRevertReason(userOpHash=infos[i].userOpHash, sender=infos[i].mUserOp.sender,
                               nonce=infos[i].mUserOp.nonce, revertReason=answer)
        actual_gas: uint256 = pre_gas - msg.gas + infos[i].preOpGas
        post_pre_gas: uint256 = msg.gas
        gas_price: uint256 = self._gas_price(infos[i].mUserOp.maxFeePerGas, infos[i].mUserOp.maxPriorityFeePerGas)
        actual_gas += post_pre_gas - msg.gas
        collected += self._settle(POST_OP_REVERTED, infos[i], actual_gas, gas_price)

    # v0.7's _compensate
    assert beneficiary != empty(address), "AA90 invalid beneficiary"
    sent: bool = raw_call(beneficiary, b"", value=collected, revert_on_failure=False)
    assert sent, "AA91 failed send to beneficiary"


@internal
def _create_sender_if_needed(op_index: uint256, info: UserOpInfo, init_code: Bytes[MAX_INIT_CODE]):
    """
    @dev v0.7's _createSenderIfNeeded: the SenderCreator calls the factory with the
         verificationGasLimit.
    """
    sender: address = info.mUserOp.sender
    if sender.codesize != 0:
        self._fail(op_index, "AA10 sender already constructed")
    created: address = self._create_sender(init_code, info.mUserOp.verificationGasLimit)
    if created == empty(address):
        self._fail(op_index, "AA13 initCode failed or OOG")
    if created != sender:
        self._fail(op_index, "AA14 initCode must return sender")
    if created.codesize == 0:
        self._fail(op_index, "AA15 initCode must create sender")
    factory: address = convert(convert(slice(init_code, 0, 20), bytes20), address)
    log AccountDeployed(userOpHash=info.userOpHash, sender=sender, factory=factory, paymaster=info.mUserOp.paymaster)


@internal
def _create_sender(init_code: Bytes[MAX_INIT_CODE], gas_limit: uint256) -> address:
    # The SenderCreator calls initCode[0:20] with initCode[20:]; a shorter initCode reverts
    # without data, as v0.7's calldata slice does.
    assert len(init_code) >= 20
    answer: Bytes[32] = raw_call(self.senderCreator, abi_encode(init_code, method_id=CREATE_SENDER),
                                 max_outsize=32, gas=gas_limit)
    return abi_decode(answer, address)


@view
@internal
def _validation_data(validation_data: uint256) -> (address, bool):
    """
    @dev v0.7's _getValidationData: the aggregator (low 160 bits; 1 = signature failure) and
         whether now is outside [validAfter, validUntil] (bits 208-255 and 160-207; a
         validUntil of 0 means no expiry).
    """
    if validation_data == 0:
        return empty(address), False
    valid_until: uint256 = (validation_data >> 160) & MAX_UINT48
    if valid_until == 0:
        valid_until = MAX_UINT48
    valid_after: uint256 = validation_data >> 208
    aggregator: address = convert(convert(validation_data & MAX_UINT160, uint160), address)
    return aggregator, block.timestamp > valid_until or block.timestamp < valid_after


@external
def innerHandleOp(callData: Bytes[MAX_CALL_DATA], opInfo: UserOpInfo, context: Bytes[MAX_CONTEXT]) -> uint256:
    """
    @notice Executes one operation and charges it; callable only by this contract, from
            handleOps.
    @return actualGasCost What the operation costs, in wei.
    """
    pre_gas: uint256 = msg.gas
    assert msg.sender == self, "AA92 internal call only"
    sender: address = opInfo.mUserOp.sender
    paymaster: address = opInfo.mUserOp.paymaster

    # The 63/64 rule (EIP-150): with less gas than this the call below could not get its
    # callGasLimit, and the operation would fail for the bundler's lack of gas.
    if msg.gas * 63 // 64 < opInfo.mUserOp.callGasLimit + opInfo.mUserOp.paymasterPostOpGasLimit + INNER_GAS_OVERHEAD:
        raw_revert(abi_encode(INNER_OUT_OF_GAS))

    mode: uint8 = OP_SUCCEEDED
    if len(callData) > 0:
        success: bool = False
        result: Bytes[REVERT_REASON_MAX_LEN] = b""
        success, result = raw_call(sender, callData, max_outsize=REVERT_REASON_MAX_LEN,
                                   gas=opInfo.mUserOp.callGasLimit, revert_on_failure=False)
        if not success:
            if len(result) > 0:
                log UserOperationRevertReason(userOpHash=opInfo.userOpHash, sender=sender,
                                              nonce=opInfo.mUserOp.nonce, revertReason=result)
            mode = OP_REVERTED

    actual_gas: uint256 = pre_gas - msg.gas + opInfo.preOpGas

    # v0.7's _postExecution (opSucceeded, opReverted): postOp if the paymaster gave a context
    post_pre_gas: uint256 = msg.gas
    gas_price: uint256 = self._gas_price(opInfo.mUserOp.maxFeePerGas, opInfo.mUserOp.maxPriorityFeePerGas)
    if paymaster != empty(address) and len(context) > 0:
        success: bool = False
        reason: Bytes[REVERT_REASON_MAX_LEN] = b""
        success, reason = raw_call(paymaster,
                                   abi_encode(mode, context, actual_gas * gas_price, gas_price, method_id=POST_OP),
                                   max_outsize=REVERT_REASON_MAX_LEN, gas=opInfo.mUserOp.paymasterPostOpGasLimit,
                                   revert_on_failure=False)
        if not success:
            raw_revert(abi_encode(reason, method_id=POST_OP_REVERTED_ERROR))
    actual_gas += post_pre_gas - msg.gas
    return self._settle(mode, opInfo, actual_gas, gas_price)


@view
@internal
def _gas_price(max_fee_per_gas: uint256, max_priority_fee_per_gas: uint256) -> uint256:
    # v0.7's getUserOpGasPrice: equal fees ("legacy mode") take no base fee.
    if max_fee_per_gas == max_priority_fee_per_gas:
        return max_fee_per_gas
    return min(max_fee_per_gas, max_priority_fee_per_gas + block.basefee)


@internal
def _settle(mode: uint8, info: UserOpInfo, actual_gas_so_far: uint256, gas_price: uint256) -> uint256:
    """
    @dev The end of v0.7's _postExecution: the 10% penalty on the unused execution gas, the cost
         against the prefund, the refund of the rest of the prefund to the paying deposit (the
         paymaster's, or the sender's), UserOperationEvent.
    """
    actual_gas: uint256 = actual_gas_so_far
    # The penalty: 10% of the execution gas limit (callGasLimit + paymasterPostOpGasLimit) left unused.
    execution_gas_limit: uint256 = info.mUserOp.callGasLimit + info.mUserOp.paymasterPostOpGasLimit
    execution_gas_used: uint256 = actual_gas - info.preOpGas
    if execution_gas_limit > execution_gas_used:
        actual_gas += (execution_gas_limit - execution_gas_used) * PENALTY_PERCENT // 100

    actual_gas_cost: uint256 = actual_gas * gas_price
    if info.prefund < actual_gas_cost:
        if mode == POST_OP_REVERTED:
            self._log_prefund_too_low(info)
            self._log_user_operation_event(info, False, info.prefund, actual_gas)
            return info.prefund
        # innerHandleOp: handleOps charges the whole prefund (its execution is undone).
        raw_revert(abi_encode(INNER_REVERT_LOW_PREFUND))

    refund_address: address = info.mUserOp.sender
    if info.mUserOp.paymaster != empty(address):
        refund_address = info.mUserOp.paymaster
    self.deposits[refund_address].deposit += info.prefund - actual_gas_cost
    self._log_user_operation_event(info, mode == OP_SUCCEEDED, actual_gas_cost, actual_gas)
    return actual_gas_cost


@internal
def _log_user_operation_event(info: UserOpInfo, success: bool, actual_gas_cost: uint256, actual_gas: uint256):
    log UserOperationEvent(userOpHash=info.userOpHash, sender=info.mUserOp.sender, paymaster=info.mUserOp.paymaster,
                           nonce=info.mUserOp.nonce, success=success, actualGasCost=actual_gas_cost,
                           actualGasUsed=actual_gas)


@internal
def _log_prefund_too_low(info: UserOpInfo):
    log UserOperationPrefundTooLow(userOpHash=info.userOpHash, sender=info.mUserOp.sender, nonce=info.mUserOp.nonce)


@internal
def _fail(op_index: uint256, reason: String[64]):
    raw_revert(abi_encode(op_index, reason, method_id=FAILED_OP))
