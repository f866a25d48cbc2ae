#pragma version 0.4.3
"""
@title GamePassSale
@license MIT
@notice Sells Game Passes for $GLICO and splits each payment on-chain between the treasury
        and the two prize pools held by the prize distributor.
@dev Per purchase, with price in base units (DESIGN.md, Revenue rules):
       treasuryAmount   = price * 7000 // 10000
       contribution     = price - treasuryAmount
       dailyPoolAmount  = contribution * 3000 // 10000
       weeklyPoolAmount = contribution - dailyPoolAmount
     so the three parts add up to the price exactly. The buyer approves this contract for the
     price; the payment is pulled from the buyer with two transferFrom calls, treasuryAmount to
     the treasury and dailyPoolAmount + weeklyPoolAmount to the distributor, so this contract
     never holds tokens. Each purchase emits GamePassPurchased with the four amounts, where
     `day` = block.timestamp // 86400 (days since 1970-01-01 UTC).
     Revert reasons: "transfer failed" (the token returned false), "only owner", "zero price",
     "zero address".
"""

from ethereum.ercs import IERC20


event GamePassPurchased:
    buyer: indexed(address)
    day: indexed(uint256)
    price: uint256
    treasuryAmount: uint256
    dailyPoolAmount: uint256
    weeklyPoolAmount: uint256


event PriceChanged:
    price: uint256


event OwnershipTransferred:
    previousOwner: indexed(address)
    newOwner: indexed(address)


BPS: constant(uint256) = 10000
TREASURY_BPS: constant(uint256) = 7000
DAILY_BPS: constant(uint256) = 3000
SECONDS_PER_DAY: constant(uint256) = 86400

token: public(IERC20)
treasury: public(address)
distributor: public(address)
price: public(uint256)
owner: public(address)
passesBought: public(HashMap[address, uint256])


@deploy
def __init__(token: address, treasury: address, distributor: address, price: uint256):
    """
    @notice Creates the sale. The deployer becomes the owner.
    @param token The payment token ($GLICO).
    @param treasury Receives 70% of each price.
    @param distributor The prize distributor; receives the daily and weekly pool shares.
    @param price The Game Pass price in base units (20 GLICO = 20 * 10**18).
    """
    assert token != empty(address), "zero address"
    assert treasury != empty(address), "zero address"
    assert distributor != empty(address), "zero address"
    assert price > 0, "zero price"
    self.token = IERC20(token)
    self.treasury = treasury
    self.distributor = distributor
    self.price = price
    self.owner = msg.sender
    log OwnershipTransferred(previousOwner=empty(address), newOwner=msg.sender)


@external
def buyGamePass():
    """
    @notice Buys one Game Pass for the caller at the current price, splitting the payment
            between the treasury and the distributor's daily and weekly pools.
    """
    price: uint256 = self.price
    treasury_amount: uint256 = price * TREASURY_BPS // BPS
    contribution: uint256 = price - treasury_amount
    daily_amount: uint256 = contribution * DAILY_BPS // BPS
    weekly_amount: uint256 = contribution - daily_amount

    self.passesBought[msg.sender] += 1

    assert extcall self.token.transferFrom(msg.sender, self.treasury, treasury_amount, default_return_value=True), "transfer failed"
    assert extcall self.token.transferFrom(msg.sender, self.distributor, contribution, default_return_value=True), "transfer failed"

    log GamePassPurchased(
        buyer=msg.sender,
        day=block.timestamp // SECONDS_PER_DAY,
        price=price,
        treasuryAmount=treasury_amount,
        dailyPoolAmount=daily_amount,
        weeklyPoolAmount=weekly_amount,
    )


@external
def setPrice(price: uint256):
    """
    @notice Sets the Game Pass price. Owner only.
    @param price The new price in base units (greater than zero).
    """
    assert msg.sender == self.owner, "only owner"
    assert price > 0, "zero price"
    self.price = price
    log PriceChanged(price=price)


@external
def transferOwnership(newOwner: address):
    """
    @notice Hands ownership to `newOwner`. Owner only.
    @param newOwner The new owner (not the zero address).
    """
    assert msg.sender == self.owner, "only owner"
    assert newOwner != empty(address), "zero address"
    log OwnershipTransferred(previousOwner=self.owner, newOwner=newOwner)
    self.owner = newOwner
