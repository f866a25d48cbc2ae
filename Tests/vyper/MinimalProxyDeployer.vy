# pragma version 0.4.3
# Test only (Tests/vyper/minimal_proxy.py deploys it on an in-process chain): makes EIP-1167 proxies the way
# Podium's account factory does, with create_minimal_proxy_to and the salt keccak256(abi_encode(owner, salt)), so
# the tests can compare the addresses CREATE2 gives with the predicted ones.


@external
def deploy(implementation: address, owner: address, salt: uint256) -> address:
    return create_minimal_proxy_to(implementation, salt=keccak256(abi_encode(owner, salt)))
