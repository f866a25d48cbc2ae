#pragma version 0.4.3
"""
@title TestAccount
@notice Test only (contracts/tests): an account whose validateUserOp does what the test sets, to
        reach every failure of the entry point's account validation. It checks no signature and
        lets anyone call execute.
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


NORMAL: constant(uint256) = 0
REVERT: constant(uint256) = 1
KEEP_FUNDS: constant(uint256) = 2
BURN_GAS: constant(uint256) = 3

# What validateUserOp returns.
validationData: public(uint256)
mode: public(uint256)
# BURN_GAS: validateUserOp burns gas until less than this is left (0: until it runs out).
keepGas: public(uint256)
burn: HashMap[uint256, uint256]


@external
@payable
def __default__():
    pass


@external
def configure(mode: uint256, validationData: uint256, keepGas: uint256):
    self.mode = mode
    self.validationData = validationData
    self.keepGas = keepGas


@external
def validateUserOp(userOp: PackedUserOperation, userOpHash: bytes32, missingAccountFunds: uint256) -> uint256:
    mode: uint256 = self.mode
    validation_data: uint256 = self.validationData
    if mode == REVERT:
        raise "test account: validation reverted"
    if missingAccountFunds > 0 and mode != KEEP_FUNDS:
        raw_call(msg.sender, b"", value=missingAccountFunds)
    if mode == BURN_GAS:
        keep: uint256 = self.keepGas
        for i: uint256 in range(10000):
            if msg.gas < keep + 30000:
                break
            self.burn[block.number * 10000 + i] = 1
        for i: uint256 in range(10000):
            if msg.gas < keep:
                break
    return validation_data


@external
def execute(dest: address, amount: uint256, func: Bytes[1024]):
    raw_call(dest, func, value=amount)
