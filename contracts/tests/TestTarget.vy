#pragma version 0.4.3
"""
@title TestTarget
@notice Test only (contracts/tests): what user operations call.
"""

event Incremented:
    caller: indexed(address)
    count: uint256


count: public(uint256)
received: public(uint256)


@external
@payable
def increment():
    self.count += 1
    self.received += msg.value
    log Incremented(caller=msg.sender, count=self.count)


@external
def fail():
    raise "test target: failed"


@external
def failLong():
    # reverts with 2,016 bytes of revert data
    words: DynArray[uint256, 64] = []
    for i: uint256 in range(62):
        words.append(i)
    raw_revert(abi_encode(words))
