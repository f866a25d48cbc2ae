#pragma version 0.4.3
"""
@title TestFactory
@notice Test only (contracts/tests): factory calls of a user operation's initCode that go wrong.
"""


@external
def fail() -> address:
    raise "test factory: failed"


@external
def returnAddress(account: address) -> address:
    # Returns `account` without creating anything.
    return account
