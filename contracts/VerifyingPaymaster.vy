#pragma version 0.4.3
"""
@title VerifyingPaymaster
@license MIT
@notice An ERC-4337 v0.7 paymaster that pays for the user operations its off-chain signer
        approved: eth-infinitism's v0.7 VerifyingPaymaster, with an owner-managed signer.
@dev paymasterAndData = paymaster (20 bytes) ++ paymasterVerificationGasLimit (16)
       ++ paymasterPostOpGasLimit (16) ++ abi.encode(uint48 validUntil, uint48 validAfter) (64)
       ++ signature (64 or 65 bytes).
     The signer signs (EIP-191, "<0x19>Ethereum Signed Message:<newline>32" ++ hash) the hash
     getHash(userOp, validUntil, validAfter) =
       keccak256(abi.encode(sender, nonce, keccak256(initCode), keccak256(callData),
                 accountGasLimits, uint256(bytes32(paymasterAndData[20:52])), preVerificationGas,
                 gasFees, chainid, paymaster, validUntil, validAfter)).
     validatePaymasterUserOp returns an empty context (so postOp is never called) and
     validationData = sigFailed (1 or 0) | validUntil << 160 | validAfter << 208; a wrong
     signature does not revert. A signature is 65 bytes r ++ s ++ v, or 64 bytes r ++ vs
     (EIP-2098); a high s counts as a wrong signature. (v0.7 reverts on a 64-byte one, through
     OpenZeppelin 5's ECDSA.recover, and on a malformed 65-byte one.)

     Revert reasons: "Sender not EntryPoint",
     "VerifyingPaymaster: invalid signature length in paymasterAndData", "must override" (postOp),
     OwnableUnauthorizedAccount(address) (0x118cdaa7) and OwnableInvalidOwner(address)
     (0x1e4fbdf7) for the owner's functions, as OpenZeppelin 5's Ownable; paymasterAndData shorter
     than 116 bytes, or a validUntil/validAfter word above 2**48 - 1, reverts without data.
"""

struct PackedUserOperation:
    sender: address
    nonce: uint256
    initCode: Bytes[512]
    callData: Bytes[4096]
    accountGasLimits: bytes32
    preVerificationGas: uint256
    gasFees: bytes32
    paymasterAndData: Bytes[512]
    signature: Bytes[512]


interface IEntryPoint:
    def balanceOf(account: address) -> uint256: view
    def depositTo(account: address): payable
    def withdrawTo(withdrawAddress: address, withdrawAmount: uint256): nonpayable
    def addStake(unstakeDelaySec: uint32): payable
    def unlockStake(): nonpayable
    def withdrawStake(withdrawAddress: address): nonpayable


event OwnershipTransferred:
    previousOwner: indexed(address)
    newOwner: indexed(address)


event VerifyingSignerChanged:
    previousSigner: indexed(address)
    newSigner: indexed(address)


PAYMASTER_VALIDATION_GAS_OFFSET: constant(uint256) = 20
PAYMASTER_DATA_OFFSET: constant(uint256) = 52
VALID_TIMESTAMP_OFFSET: constant(uint256) = 52
SIGNATURE_OFFSET: constant(uint256) = 116
MAX_PAYMASTER_AND_DATA: constant(uint256) = 512
MAX_SIGNATURE: constant(uint256) = MAX_PAYMASTER_AND_DATA  # a slice of paymasterAndData
HALF_CURVE_ORDER: constant(uint256) = 57896044618658097711785492504343953926418782139537452191302581570759080747168  # 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0
LOW_255_BITS: constant(uint256) = 2**255 - 1
OWNABLE_UNAUTHORIZED_ACCOUNT: constant(bytes4) = 0x118cdaa7
OWNABLE_INVALID_OWNER: constant(bytes4) = 0x1e4fbdf7

entryPoint: public(immutable(address))
owner: public(address)
verifyingSigner: public(address)


@deploy
def __init__(anEntryPoint: address, aVerifyingSigner: address):
    """
    @param anEntryPoint The entry point this paymaster serves.
    @param aVerifyingSigner The key whose signature approves a user operation. The deployer is
           the owner, who can change it.
    """
    entryPoint = anEntryPoint
    self.owner = msg.sender
    log OwnershipTransferred(previousOwner=empty(address), newOwner=msg.sender)
    self.verifyingSigner = aVerifyingSigner
    log VerifyingSignerChanged(previousSigner=empty(address), newSigner=aVerifyingSigner)


@view
@external
def getHash(userOp: PackedUserOperation, validUntil: uint48, validAfter: uint48) -> bytes32:
    """
    @notice The hash the verifying signer signs (EIP-191) to approve `userOp` between
            `validAfter` and `validUntil`.
    """
    # paymasterAndData[20:52]: the two paymaster gas limits (validation, postOp) as one word
    return self._get_hash(userOp.sender, userOp.nonce, keccak256(userOp.initCode), keccak256(userOp.callData),
                          userOp.accountGasLimits,
                          extract32(userOp.paymasterAndData, PAYMASTER_VALIDATION_GAS_OFFSET, output_type=uint256),
                          userOp.preVerificationGas, userOp.gasFees, validUntil, validAfter)


@view
@internal
def _get_hash(sender: address, nonce: uint256, init_code_hash: bytes32, call_data_hash: bytes32,
              account_gas_limits: bytes32, paymaster_gas: uint256, pre_verification_gas: uint256, gas_fees: bytes32,
              valid_until: uint48, valid_after: uint48) -> bytes32:
    # (the user operation's fields, not the operation, are passed: Vyper would copy it whole)
    return keccak256(abi_encode(sender, nonce, init_code_hash, call_data_hash, account_gas_limits, paymaster_gas,
                                pre_verification_gas, gas_fees, chain.id, self, valid_until, valid_after))


@pure
@external
def parsePaymasterAndData(paymasterAndData: Bytes[MAX_PAYMASTER_AND_DATA]) -> (uint48, uint48, Bytes[MAX_SIGNATURE]):
    """
    @notice validUntil, validAfter and the signature from a paymasterAndData.
    """
    return self._parse(paymasterAndData)


@pure
@internal
def _parse(paymasterAndData: Bytes[MAX_PAYMASTER_AND_DATA]) -> (uint48, uint48, Bytes[MAX_SIGNATURE]):
    valid_until: uint48 = 0
    valid_after: uint48 = 0
    valid_until, valid_after = abi_decode(slice(paymasterAndData, VALID_TIMESTAMP_OFFSET, 64), (uint48, uint48))
    signature: Bytes[MAX_SIGNATURE] = slice(paymasterAndData, SIGNATURE_OFFSET,
                                            len(paymasterAndData) - SIGNATURE_OFFSET)
    return valid_until, valid_after, signature


@external
def validatePaymasterUserOp(userOp: PackedUserOperation, userOpHash: bytes32, maxCost: uint256) -> (Bytes[32], uint256):
    """
    @notice Pays for `userOp` if the verifying signer signed getHash(userOp, validUntil,
            validAfter). The entry point only.
    @return context Empty (no postOp).
    @return validationData sigFailed | validUntil << 160 | validAfter << 208.
    """
    assert msg.sender == entryPoint, "Sender not EntryPoint"
    valid_until: uint48 = 0
    valid_after: uint48 = 0
    signature: Bytes[MAX_SIGNATURE] = b""
    valid_until, valid_after, signature = self._parse(userOp.paymasterAndData)
    assert len(signature) == 64 or len(signature) == 65, "VerifyingPaymaster: invalid signature length in paymasterAndData"
    user_op_hash: bytes32 = self._get_hash(userOp.sender, userOp.nonce, keccak256(userOp.initCode),
                                           keccak256(userOp.callData), userOp.accountGasLimits,
                                           extract32(userOp.paymasterAndData, PAYMASTER_VALIDATION_GAS_OFFSET,
                                                     output_type=uint256),
                                           userOp.preVerificationGas, userOp.gasFees, valid_until, valid_after)
    digest: bytes32 = keccak256(concat(b"\x19Ethereum Signed Message:\n32", user_op_hash))
    signer: address = self._recover(digest, signature)
    sig_failed: uint256 = 1
    if signer != empty(address) and signer == self.verifyingSigner:
        sig_failed = 0
    return b"", sig_failed | (convert(valid_until, uint256) << 160) | (convert(valid_after, uint256) << 208)


@external
def postOp(mode: uint8, context: Bytes[32], actualGasCost: uint256, actualUserOpFeePerGas: uint256):
    """
    @notice Never called: validatePaymasterUserOp returns no context. Reverts, as v0.7's
            BasePaymaster does without an override.
    """
    assert msg.sender == entryPoint, "Sender not EntryPoint"
    raise "must override"


@external
def setVerifyingSigner(newSigner: address):
    """
    @notice Replaces the verifying signer. Owner only.
    """
    self._check_owner()
    log VerifyingSignerChanged(previousSigner=self.verifyingSigner, newSigner=newSigner)
    self.verifyingSigner = newSigner


# BasePaymaster: the paymaster's deposit and stake in the entry point


@external
@payable
def deposit():
    """
    @notice Adds msg.value to this paymaster's deposit in the entry point.
    """
    extcall IEntryPoint(entryPoint).depositTo(self, value=msg.value)


@external
def withdrawTo(withdrawAddress: address, amount: uint256):
    """
    @notice Withdraws `amount` of the deposit to `withdrawAddress`. Owner only.
    """
    self._check_owner()
    extcall IEntryPoint(entryPoint).withdrawTo(withdrawAddress, amount)


@view
@external
def getDeposit() -> uint256:
    """
    @notice This paymaster's deposit in the entry point.
    """
    return staticcall IEntryPoint(entryPoint).balanceOf(self)


@external
@payable
def addStake(unstakeDelaySec: uint32):
    """
    @notice Stakes msg.value in the entry point with `unstakeDelaySec`. Owner only.
    """
    self._check_owner()
    extcall IEntryPoint(entryPoint).addStake(unstakeDelaySec, value=msg.value)


@external
def unlockStake():
    """
    @notice Starts the unstake delay. Owner only.
    """
    self._check_owner()
    extcall IEntryPoint(entryPoint).unlockStake()


@external
def withdrawStake(withdrawAddress: address):
    """
    @notice Withdraws the unlocked stake to `withdrawAddress`. Owner only.
    """
    self._check_owner()
    extcall IEntryPoint(entryPoint).withdrawStake(withdrawAddress)


# Ownable


@external
def transferOwnership(newOwner: address):
    """
    @notice Hands ownership to `newOwner` (not the zero address). Owner only.
    """
    self._check_owner()
    if newOwner == empty(address):
        raw_revert(concat(OWNABLE_INVALID_OWNER, abi_encode(newOwner)))
    log OwnershipTransferred(previousOwner=self.owner, newOwner=newOwner)
    self.owner = newOwner


@external
def renounceOwnership():
    """
    @notice Leaves the paymaster without an owner. Owner only.
    """
    self._check_owner()
    log OwnershipTransferred(previousOwner=self.owner, newOwner=empty(address))
    self.owner = empty(address)


@view
@internal
def _check_owner():
    if msg.sender != self.owner:
        raw_revert(concat(OWNABLE_UNAUTHORIZED_ACCOUNT, abi_encode(msg.sender)))


@pure
@internal
def _recover(digest: bytes32, signature: Bytes[MAX_SIGNATURE]) -> address:
    """
    @dev The signer of a 65-byte r ++ s ++ v or 64-byte r ++ vs (EIP-2098) signature, or the zero
         address (high s, v not 27/28, no recoverable key, other lengths).
    """
    r: uint256 = extract32(signature, 0, output_type=uint256)
    s: uint256 = 0
    v: uint256 = 0
    if len(signature) == 65:
        s = extract32(signature, 32, output_type=uint256)
        v = convert(slice(signature, 64, 1), uint256)
    elif len(signature) == 64:
        vs: uint256 = extract32(signature, 32, output_type=uint256)
        s = vs & LOW_255_BITS
        v = (vs >> 255) + 27
    else:
        return empty(address)
    if s > HALF_CURVE_ORDER or (v != 27 and v != 28):
        return empty(address)
    return ecrecover(digest, v, r, s)
