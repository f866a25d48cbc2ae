#pragma version 0.4.3
"""
@title SimpleAccount
@license MIT
@notice An ERC-4337 v0.7 account owned by one key, with eth-infinitism's SimpleAccount v0.7
        interface: the entry point or the owner executes calls through it, the entry point
        validates user operations signed by the owner.
@dev Deployed once as the implementation; accounts are EIP-1167 minimal proxies to it made by
     SimpleAccountFactory, which calls initialize(owner) once. The entry point is an immutable
     of the implementation, shared by every proxy (delegatecall runs the implementation's code).

     Signatures: 65 bytes r ++ s ++ v (v 27 or 28) over the EIP-191 hash of the userOpHash,
     keccak256("<0x19>Ethereum Signed Message:<newline>32" ++ userOpHash). validateUserOp returns 0
     when the owner signed and SIG_VALIDATION_FAILED (1) for any other signature, never reverting: a
     wrong signer, a length other than 65, a high s (malleable, above secp256k1n/2, refused as
     OpenZeppelin's ECDSA does), a v other than 27/28. (v0.7's SimpleAccount reverts through
     OpenZeppelin's ECDSA.recover on a malformed signature; here those fail softly too.)

     Bounds: execute's func <= 4096 bytes; executeBatch takes at most 8 calls of <= 1024 bytes
     each; validateUserOp's user operation has the entry point's bounds (initCode 512, callData
     4096, paymasterAndData 512, signature 512).

     Not here (v0.7's SimpleAccount has them): UUPS upgrades (proxies are EIP-1167 and fixed), the
     ERC-721/ERC-1155 receiver callbacks and ERC-165.

     Argument names: execute(dest, amount, func) and executeBatch(dest, values, func), as v0.7's
     (dest, value, func) with `value` renamed (a reserved word in Vyper); types and selectors are
     v0.7's.

     Revert reasons: "account: not from EntryPoint", "account: not Owner or EntryPoint",
     "wrong array lengths", "only owner"; a failing call made by execute or executeBatch
     reverts with the callee's revert data; a second initialize reverts with
     InvalidInitialization() (0xf92ee8a9), as OpenZeppelin's Initializable.
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
    def getNonce(sender: address, key: uint192) -> uint256: view
    def balanceOf(account: address) -> uint256: view
    def depositTo(account: address): payable
    def withdrawTo(withdrawAddress: address, withdrawAmount: uint256): nonpayable


event SimpleAccountInitialized:
    entryPoint: indexed(address)
    owner: indexed(address)


MAX_BATCH: constant(uint256) = 8
MAX_BATCH_CALL: constant(uint256) = 1024
MAX_CALL: constant(uint256) = 4096

SIG_VALIDATION_SUCCESS: constant(uint256) = 0
SIG_VALIDATION_FAILED: constant(uint256) = 1
# secp256k1n / 2: a larger s is the malleable twin of a valid signature.
HALF_CURVE_ORDER: constant(uint256) = 57896044618658097711785492504343953926418782139537452191302581570759080747168  # 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0
INVALID_INITIALIZATION: constant(bytes4) = 0xf92ee8a9

ENTRY_POINT: immutable(address)

owner: public(address)
_initialized: bool


@deploy
def __init__(anEntryPoint: address):
    """
    @notice The implementation: fixes the entry point for every proxy to it, and can itself
            never be initialized.
    """
    ENTRY_POINT = anEntryPoint
    self._initialized = True


@external
@payable
def __default__():
    """
    @notice Accepts ETH (calls with data that match no function revert, as v0.7's receive()).
    """
    assert len(msg.data) == 0


@view
@external
def entryPoint() -> address:
    return ENTRY_POINT


@external
def initialize(anOwner: address):
    """
    @notice Sets the owner, once (the factory calls it right after creating the proxy).
    """
    if self._initialized:
        raw_revert(concat(INVALID_INITIALIZATION, b""))
    self._initialized = True
    self.owner = anOwner
    log SimpleAccountInitialized(entryPoint=ENTRY_POINT, owner=anOwner)


@external
def execute(dest: address, amount: uint256, func: Bytes[MAX_CALL]):
    """
    @notice Calls `dest` with `amount` wei and `func`; reverts with the callee's revert data if
            it reverts. The entry point or the owner only.
    """
    self._require_from_entry_point_or_owner()
    raw_call(dest, func, value=amount)


@external
def executeBatch(dest: DynArray[address, MAX_BATCH], values: DynArray[uint256, MAX_BATCH],
                 func: DynArray[Bytes[MAX_BATCH_CALL], MAX_BATCH]):
    """
    @notice Makes the calls in order (values may be empty: no ETH sent); the first that reverts
            reverts them all with its revert data. The entry point or the owner only.
    """
    self._require_from_entry_point_or_owner()
    assert len(dest) == len(func) and (len(values) == 0 or len(values) == len(func)), "wrong array lengths"
    for i: uint256 in range(len(dest), bound=MAX_BATCH):
        amount: uint256 = 0
        if len(values) != 0:
            amount = values[i]
        raw_call(dest[i], func[i], value=amount)


@external
def validateUserOp(userOp: PackedUserOperation, userOpHash: bytes32, missingAccountFunds: uint256) -> uint256:
    """
    @notice Checks the owner's signature of `userOpHash` and pays the entry point what it is
            missing. The entry point only.
    @return validationData 0 (valid, no time range) or SIG_VALIDATION_FAILED (1).
    """
    assert msg.sender == ENTRY_POINT, "account: not from EntryPoint"
    validation_data: uint256 = SIG_VALIDATION_FAILED
    signer: address = self._recover(keccak256(concat(b"\x19Ethereum Signed Message:\n32", userOpHash)), userOp.signature)
    if signer != empty(address) and signer == self.owner:
        validation_data = SIG_VALIDATION_SUCCESS
    if missingAccountFunds != 0:
        # The entry point checks what it got; a failed send is its business (as v0.7's _payPrefund).
        success: bool = raw_call(msg.sender, b"", value=missingAccountFunds, revert_on_failure=False)
    return validation_data


@view
@external
def getNonce() -> uint256:
    """
    @notice This account's next nonce under key 0, from the entry point.
    """
    return staticcall IEntryPoint(ENTRY_POINT).getNonce(self, 0)


@view
@external
def getDeposit() -> uint256:
    """
    @notice This account's deposit in the entry point.
    """
    return staticcall IEntryPoint(ENTRY_POINT).balanceOf(self)


@external
@payable
def addDeposit():
    """
    @notice Adds msg.value to this account's deposit in the entry point.
    """
    extcall IEntryPoint(ENTRY_POINT).depositTo(self, value=msg.value)


@external
def withdrawDepositTo(withdrawAddress: address, amount: uint256):
    """
    @notice Withdraws `amount` of this account's deposit to `withdrawAddress`. The owner (or
            the account itself) only.
    """
    assert msg.sender == self.owner or msg.sender == self, "only owner"
    extcall IEntryPoint(ENTRY_POINT).withdrawTo(withdrawAddress, amount)


@view
@internal
def _require_from_entry_point_or_owner():
    assert msg.sender == ENTRY_POINT or msg.sender == self.owner, "account: not Owner or EntryPoint"


@pure
@internal
def _recover(digest: bytes32, signature: Bytes[512]) -> address:
    """
    @dev The signer of a 65-byte r ++ s ++ v signature, or the zero address for anything else
         (other lengths, high s, v not 27/28, no recoverable key).
    """
    if len(signature) != 65:
        return empty(address)
    r: uint256 = extract32(signature, 0, output_type=uint256)
    s: uint256 = extract32(signature, 32, output_type=uint256)
    v: uint256 = convert(slice(signature, 64, 1), uint256)
    if s > HALF_CURVE_ORDER or (v != 27 and v != 28):
        return empty(address)
    return ecrecover(digest, v, r, s)
