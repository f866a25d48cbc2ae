#pragma version 0.4.3
"""
@title TestPaymaster
@notice Test only (contracts/tests): a paymaster that approves everything, returns the context and
        validationData the test sets, and records or reverts its postOp.
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
    def depositTo(account: address): payable


event PostOpCalled:
    mode: uint8
    context: Bytes[64]
    actualGasCost: uint256
    actualUserOpFeePerGas: uint256


context: public(Bytes[64])
validationData: public(uint256)
revertValidation: public(bool)
revertPostOp: public(bool)
postOpCalls: public(uint256)
# validatePaymasterUserOp burns gas until less than this is left (0: burns nothing).
keepGas: public(uint256)
burn: HashMap[uint256, uint256]


@external
def configure(context: Bytes[64], validationData: uint256, revertValidation: bool, revertPostOp: bool,
              keepGas: uint256):
    self.context = context
    self.validationData = validationData
    self.revertValidation = revertValidation
    self.revertPostOp = revertPostOp
    self.keepGas = keepGas


@external
@payable
def deposit(entryPoint: address):
    extcall IEntryPoint(entryPoint).depositTo(self, value=msg.value)


@external
def validatePaymasterUserOp(userOp: PackedUserOperation, userOpHash: bytes32, maxCost: uint256) -> (Bytes[64], uint256):
    if self.revertValidation:
        raise "test paymaster: validation reverted"
    context: Bytes[64] = self.context
    validation_data: uint256 = self.validationData
    keep: uint256 = self.keepGas
    if keep > 0:
        for i: uint256 in range(10000):
            if msg.gas < keep + 30000:
                break
            self.burn[block.number * 10000 + i] = 1
        for i: uint256 in range(10000):
            if msg.gas < keep:
                break
    return context, validation_data


@external
def postOp(mode: uint8, context: Bytes[64], actualGasCost: uint256, actualUserOpFeePerGas: uint256):
    if self.revertPostOp:
        raise "test paymaster: postOp reverted"
    self.postOpCalls += 1
    log PostOpCalled(mode=mode, context=context, actualGasCost=actualGasCost, actualUserOpFeePerGas=actualUserOpFeePerGas)
