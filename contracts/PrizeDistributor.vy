#pragma version 0.4.3
"""
@title PrizeDistributor
@license MIT
@notice Holds the daily and weekly $GLICO prize pools and pays each leaderboard period's
        winners, at most five, exactly once per period and board.
@dev Only the game wallet distributes. The owner (the deployer) can pause distribution, cap
     what one period may pay, change the game wallet and hand over ownership.

     Period ids (the `periodId` argument, recorded on-chain per prize type):
       - daily  (prizeType 0): YYYYMMDD of the UTC calendar date, e.g. 2026-11-20 -> 20261120;
       - weekly (prizeType 1): ISO week-year * 100 + ISO week, e.g. 2026-W47 -> 202647
         (2027-01-01 belongs to 2026-W53 -> 202653).
     The contract does not validate the encoding; it only refuses to pay the same
     (prizeType, periodId) twice.

     `PrizesDistributed` is exactly the seed's event, so an indexer reads both this contract
     and the seed's Solidity deployment.
"""

from ethereum.ercs import IERC20


event PrizesDistributed:
    prizeType: indexed(uint8)
    winners: DynArray[address, MAX_WINNERS_INPUT]
    amounts: DynArray[uint256, MAX_WINNERS_INPUT]
    timestamp: uint256


event PeriodPaid:
    prizeType: indexed(uint8)
    periodId: indexed(uint256)
    total: uint256


event Paused:
    account: address


event Unpaused:
    account: address


event PeriodCapChanged:
    cap: uint256


event GameWalletChanged:
    wallet: address


event OwnershipTransferred:
    previousOwner: indexed(address)
    newOwner: indexed(address)


# The ABI bound of the winners/amounts arrays. Larger than MAX_WINNERS so that a call with
# six to 32 winners decodes and fails on "too many winners" rather than on ABI decoding.
MAX_WINNERS_INPUT: constant(uint256) = 32
# The most winners one distribution may pay (places 1-5).
MAX_WINNERS: constant(uint256) = 5

DAILY: constant(uint8) = 0
WEEKLY: constant(uint8) = 1

token: public(IERC20)
gameWallet: public(address)
owner: public(address)
paused: public(bool)
periodCap: public(uint256)

# prizeType => periodId => paid
_periodPaid: HashMap[uint8, HashMap[uint256, bool]]


@deploy
def __init__(token: address, game_wallet: address):
    """
    @notice Creates the distributor for `token`, paid out by `game_wallet`. The deployer
            becomes the owner; the period cap starts unlimited (max_value(uint256)).
    @param token The prize token ($GLICO).
    @param game_wallet The only account allowed to call distributePrizes.
    """
    assert token != empty(address), "zero address"
    assert game_wallet != empty(address), "zero address"
    self.token = IERC20(token)
    self.gameWallet = game_wallet
    self.owner = msg.sender
    self.periodCap = max_value(uint256)
    log OwnershipTransferred(previousOwner=empty(address), newOwner=msg.sender)


@external
def distributePrizes(
    winners: DynArray[address, MAX_WINNERS_INPUT],
    amounts: DynArray[uint256, MAX_WINNERS_INPUT],
    prizeType: uint8,
    periodId: uint256,
):
    """
    @notice Pays `amounts[i]` base units to `winners[i]` for one period of one board, once.
    @dev Checks, in order: "only game wallet", "paused", "bad prize type",
         "mismatched arrays", "too many winners", "no winners", "period already paid",
         "over period cap", "insufficient balance". Then records the period as paid,
         transfers each amount ("transfer failed" if the token returns false) and emits
         PrizesDistributed, then PeriodPaid.
    @param winners The winners' addresses, place 1 first (1 to 5 of them).
    @param amounts The amount for each winner, in base units.
    @param prizeType 0 = daily, 1 = weekly.
    @param periodId Daily: YYYYMMDD (UTC date). Weekly: ISO week-year * 100 + ISO week.
    """
    assert msg.sender == self.gameWallet, "only game wallet"
    assert not self.paused, "paused"
    assert prizeType <= WEEKLY, "bad prize type"
    assert len(winners) == len(amounts), "mismatched arrays"
    assert len(winners) <= MAX_WINNERS, "too many winners"
    assert len(winners) > 0, "no winners"
    assert not self._periodPaid[prizeType][periodId], "period already paid"

    total: uint256 = 0
    for amount: uint256 in amounts:
        total += amount
    assert total <= self.periodCap, "over period cap"
    assert staticcall self.token.balanceOf(self) >= total, "insufficient balance"

    self._periodPaid[prizeType][periodId] = True

    for i: uint256 in range(len(winners), bound=MAX_WINNERS):
        assert extcall self.token.transfer(winners[i], amounts[i], default_return_value=True), "transfer failed"

    log PrizesDistributed(prizeType=prizeType, winners=winners, amounts=amounts, timestamp=block.timestamp)
    log PeriodPaid(prizeType=prizeType, periodId=periodId, total=total)


@view
@external
def isPeriodPaid(prizeType: uint8, periodId: uint256) -> bool:
    """
    @notice Whether period `periodId` of board `prizeType` has been paid.
    @param prizeType 0 = daily, 1 = weekly.
    @param periodId Daily: YYYYMMDD (UTC date). Weekly: ISO week-year * 100 + ISO week.
    @return True once distributePrizes succeeded for that period.
    """
    return self._periodPaid[prizeType][periodId]


@internal
def _only_owner():
    assert msg.sender == self.owner, "only owner"


@external
def pause():
    """
    @notice Stops distributePrizes until unpause. Owner only.
    """
    self._only_owner()
    self.paused = True
    log Paused(account=msg.sender)


@external
def unpause():
    """
    @notice Allows distributePrizes again. Owner only.
    """
    self._only_owner()
    self.paused = False
    log Unpaused(account=msg.sender)


@external
def setPeriodCap(cap: uint256):
    """
    @notice Sets the most one distributePrizes call (one period) may pay in total. Owner only.
    @param cap The cap in base units; max_value(uint256) means no cap.
    """
    self._only_owner()
    self.periodCap = cap
    log PeriodCapChanged(cap=cap)


@external
def setGameWallet(addr: address):
    """
    @notice Changes the account allowed to distribute. Owner only.
    @param addr The new game wallet (not the zero address).
    """
    self._only_owner()
    assert addr != empty(address), "zero address"
    self.gameWallet = addr
    log GameWalletChanged(wallet=addr)


@external
def transferOwnership(addr: address):
    """
    @notice Hands ownership to `addr`. Owner only.
    @param addr The new owner (not the zero address).
    """
    self._only_owner()
    assert addr != empty(address), "zero address"
    log OwnershipTransferred(previousOwner=self.owner, newOwner=addr)
    self.owner = addr
