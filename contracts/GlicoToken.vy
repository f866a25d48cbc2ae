#pragma version 0.4.3
"""
@title GlicoToken
@license MIT
@notice The $GLICO ERC-20 token: name "Glico", symbol "GLICO", 18 decimals.
        The deployer is the owner; only the owner can mint.
@dev Plain ERC-20 (EIP-20) with exact standard signatures and events. An allowance of
     max_value(uint256) is treated as unlimited and is not decreased by transferFrom.
     Revert reasons: "insufficient balance", "insufficient allowance", "zero address",
     "only owner".
"""

from ethereum.ercs import IERC20
from ethereum.ercs import IERC20Detailed

implements: IERC20
implements: IERC20Detailed


event Transfer:
    sender: indexed(address)
    receiver: indexed(address)
    value: uint256


event Approval:
    owner: indexed(address)
    spender: indexed(address)
    value: uint256


event OwnershipTransferred:
    previousOwner: indexed(address)
    newOwner: indexed(address)


name: public(constant(String[5])) = "Glico"
symbol: public(constant(String[5])) = "GLICO"
decimals: public(constant(uint8)) = 18

totalSupply: public(uint256)
balanceOf: public(HashMap[address, uint256])
allowance: public(HashMap[address, HashMap[address, uint256]])

owner: public(address)


@deploy
def __init__():
    """
    @notice Creates the token with no supply; the deployer becomes the owner.
    """
    self.owner = msg.sender
    log OwnershipTransferred(previousOwner=empty(address), newOwner=msg.sender)


@internal
def _transfer(sender: address, receiver: address, amount: uint256):
    assert receiver != empty(address), "zero address"
    balance: uint256 = self.balanceOf[sender]
    assert balance >= amount, "insufficient balance"
    self.balanceOf[sender] = balance - amount
    self.balanceOf[receiver] += amount
    log Transfer(sender=sender, receiver=receiver, value=amount)


@external
def transfer(_to: address, _value: uint256) -> bool:
    """
    @notice Moves `_value` base units from the caller to `_to`.
    @param _to The recipient (not the zero address).
    @param _value The amount in base units.
    @return True on success (reverts otherwise).
    """
    self._transfer(msg.sender, _to, _value)
    return True


@external
def transferFrom(_from: address, _to: address, _value: uint256) -> bool:
    """
    @notice Moves `_value` base units from `_from` to `_to`, spending the caller's allowance.
    @dev The allowance is checked before the balance. An unlimited allowance
         (max_value(uint256)) is left unchanged.
    @param _from The owner of the tokens.
    @param _to The recipient (not the zero address).
    @param _value The amount in base units.
    @return True on success (reverts otherwise).
    """
    allowed: uint256 = self.allowance[_from][msg.sender]
    assert allowed >= _value, "insufficient allowance"
    if allowed != max_value(uint256):
        self.allowance[_from][msg.sender] = allowed - _value
    self._transfer(_from, _to, _value)
    return True


@external
def approve(_spender: address, _value: uint256) -> bool:
    """
    @notice Sets the caller's allowance for `_spender` to `_value` base units.
    @param _spender The account allowed to spend (not the zero address).
    @param _value The new allowance; max_value(uint256) means unlimited.
    @return True on success (reverts otherwise).
    """
    assert _spender != empty(address), "zero address"
    self.allowance[msg.sender][_spender] = _value
    log Approval(owner=msg.sender, spender=_spender, value=_value)
    return True


@external
def mint(to: address, amount: uint256):
    """
    @notice Creates `amount` new base units and gives them to `to`. Owner only.
    @param to The recipient (not the zero address).
    @param amount The amount in base units.
    """
    assert msg.sender == self.owner, "only owner"
    assert to != empty(address), "zero address"
    self.totalSupply += amount
    self.balanceOf[to] += amount
    log Transfer(sender=empty(address), receiver=to, value=amount)


@external
def transferOwnership(newOwner: address):
    """
    @notice Hands ownership (the right to mint) to `newOwner`. Owner only.
    @param newOwner The new owner (not the zero address).
    """
    assert msg.sender == self.owner, "only owner"
    assert newOwner != empty(address), "zero address"
    log OwnershipTransferred(previousOwner=self.owner, newOwner=newOwner)
    self.owner = newOwner
