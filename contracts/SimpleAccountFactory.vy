#pragma version 0.4.3
"""
@title SimpleAccountFactory
@license MIT
@notice Creates SimpleAccounts at addresses known in advance: EIP-1167 minimal proxies to one
        SimpleAccount implementation, made with CREATE2, initialized with their owner.
@dev The CREATE2 salt is keccak256(abi.encode(owner, salt)) and the init code is the 54 bytes
     Vyper 0.4.3's create_minimal_proxy_to deploys (its loader differs from OpenZeppelin's
     Clones):
       602d3d8160093d39f3 363d3d373d3d3d363d73 <implementation, 20 bytes> 5af43d82803e903d91602b57fd5bf3
     so an account's address is
       keccak256(0xff ++ factory ++ keccak256(abi.encode(owner, salt)) ++ keccak256(initCode))[12:]
     (contracts/README.md). createAccount is the factory call of a user operation's initCode:
     initCode = factory ++ createAccount(owner, salt) calldata.
"""

interface ISimpleAccount:
    def initialize(anOwner: address): nonpayable


# The minimal proxy's init code around the implementation address (see above).
PROXY_INITCODE_HEAD: constant(bytes19) = 0x602d3d8160093d39f3363d3d373d3d3d363d73
PROXY_INITCODE_TAIL: constant(bytes15) = 0x5af43d82803e903d91602b57fd5bf3

accountImplementation: public(immutable(address))
# keccak256 of the proxy init code, fixed by the implementation.
_PROXY_INITCODE_HASH: immutable(bytes32)


@deploy
def __init__(implementation: address):
    """
    @param implementation The SimpleAccount implementation every account delegates to.
    """
    accountImplementation = implementation
    _PROXY_INITCODE_HASH = keccak256(concat(PROXY_INITCODE_HEAD, convert(implementation, bytes20), PROXY_INITCODE_TAIL))


@external
def createAccount(owner: address, salt: uint256) -> address:
    """
    @notice The account of `owner` and `salt`, created and initialized if it does not exist yet
            (an existing one is returned as is).
    """
    account: address = self._get_address(owner, salt)
    if account.codesize > 0:
        return account
    account = create_minimal_proxy_to(accountImplementation, salt=keccak256(abi_encode(owner, salt)))
    extcall ISimpleAccount(account).initialize(owner)
    return account


@view
@external
def getAddress(owner: address, salt: uint256) -> address:
    """
    @notice The address createAccount(owner, salt) creates (or created).
    """
    return self._get_address(owner, salt)


@view
@internal
def _get_address(owner: address, salt: uint256) -> address:
    digest: bytes32 = keccak256(concat(0xff, convert(self, bytes20), keccak256(abi_encode(owner, salt)), _PROXY_INITCODE_HASH))
    return convert(convert(slice(digest, 12, 20), bytes20), address)
