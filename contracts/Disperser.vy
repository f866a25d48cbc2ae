#pragma version 0.4.3
"""
@title Disperser
@license MIT
@notice Pays many recipients in one transaction by pulling each amount from the caller with
        the token's transferFrom; used for payouts beyond the distributor's five winners.
@dev Holds no state and no tokens. The caller approves this contract for the sum of the
     amounts first. Revert reasons: "mismatched arrays", "transfer failed" (the token returned
     false); a token that reverts on its own passes its own reason through.
"""

from ethereum.ercs import IERC20

MAX_RECIPIENTS: constant(uint256) = 256


@external
def disperseToken(
    token: address,
    recipients: DynArray[address, MAX_RECIPIENTS],
    amounts: DynArray[uint256, MAX_RECIPIENTS],
):
    """
    @notice Sends `amounts[i]` base units of `token` from the caller to `recipients[i]`.
    @param token The ERC-20 token.
    @param recipients Up to 256 recipients.
    @param amounts The amount for each recipient, in base units.
    """
    assert len(recipients) == len(amounts), "mismatched arrays"
    for i: uint256 in range(len(recipients), bound=MAX_RECIPIENTS):
        assert extcall IERC20(token).transferFrom(msg.sender, recipients[i], amounts[i], default_return_value=True), "transfer failed"
