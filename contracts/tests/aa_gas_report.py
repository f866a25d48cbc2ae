"""Gas of one user operation per handleOps, through EntryPoint.vy and through the canonical v0.7 EntryPoint, with
Podium's SimpleAccount (Vyper, EIP-1167 proxies) and the canonical SimpleAccount (ERC-1967 proxies), on the same
in-process py-evm chain (Prague) and from the same state.

    devnet/.venv/bin/python contracts/tests/aa_gas_report.py

"tx gas" is the bundler transaction's gasUsed (handleOps with one operation, calldata included); "op gas" is the
actualGasUsed of its UserOperationEvent (preVerificationGas 50,000 included, as the entry point counts it). The
operation calls TestTarget.increment() (a fresh storage slot on the first operation) through execute, or twice
through executeBatch; "sponsored" operations are paid by VerifyingPaymaster.vy, the others from the account's own
ETH (the account is funded beforehand)."""


from aa_harness import Chain, address_bytes, calldata, checksum, user_op
from test_account_abstraction import CANONICAL, ETHER, EVENTS, Deployment, user_operation_event


def canonical_factory_for(chain, deployer, entry_point):
    """The canonical SimpleAccountFactory v0.7 (and its SimpleAccount implementation) created for `entry_point`:
    its creation code from the vectors, with another constructor argument."""
    create_call = bytes.fromhex(CANONICAL["SimpleAccountFactory"]["createCall"][2:])
    creation = create_call[32:-32]
    factory = chain.deploy(deployer, creation, ["address"], [checksum(entry_point)])
    implementation = address_bytes(chain.view(factory, "accountImplementation()", ["address"]))
    return factory, implementation


def main():
    chain = Chain()
    for name in ("EntryPoint", "SenderCreator", "SimpleAccountFactory", "SimpleAccount"):
        chain.set_code(CANONICAL[name]["address"], bytes.fromhex(CANONICAL[name]["runtime"][2:]))
    canonical_ep = address_bytes(CANONICAL["EntryPoint"]["address"])
    ours = Deployment(chain)
    canonical_accounts_ours_ep = canonical_factory_for(chain, ours.deployer, ours.entry_point)
    setups = {
        "EntryPoint.vy + SimpleAccount.vy": ours,
        "EntryPoint.vy + canonical SimpleAccount": Deployment(chain, ours.entry_point, *canonical_accounts_ours_ep),
        "canonical EntryPoint + SimpleAccount.vy": Deployment(chain, canonical_ep),
        "canonical EntryPoint + canonical SimpleAccount": Deployment(
            chain, canonical_ep, address_bytes(CANONICAL["SimpleAccountFactory"]["address"]),
            address_bytes(CANONICAL["SimpleAccount"]["address"])),
    }
    base = chain.snapshot()

    def run(d, sponsored, batch):
        calls = [d.execute_call(), calldata("executeBatch(address[],uint256[],bytes[])", [checksum(d.target)] * 2, [],
                                            [calldata("increment()")] * 2)]
        call = calls[1] if batch else calls[0]
        sender = d.account_address(salt=77)
        if not sponsored:
            chain.set_balance(sender, ETHER)
        figures = []
        for nonce, init_code in ((0, d.init_code(salt=77)), (1, b"")):
            op = user_op(sender, nonce, init_code, call)
            if sponsored:
                d.sponsor(op)
            d.sign(op)
            result = d.handle_ops([op])
            assert result.status, result.output.hex()
            event = user_operation_event(result.events(EVENTS["UserOperationEvent"])[0])
            assert event[4], "the operation failed"
            figures.append((result.gas_used, event[6]))
        return figures

    rows = []
    for name, d in setups.items():
        for sponsored in (True, False):
            for batch in (False, True):
                chain.revert(base)
                base = chain.snapshot()
                (first_tx, first_op), (later_tx, later_op) = run(d, sponsored, batch)
                rows.append((name, "sponsored" if sponsored else "own ETH", "executeBatch x2" if batch else "execute",
                             first_tx, first_op, later_tx, later_op))
    print(f"{'setup':48} {'paid by':10} {'call':16} {'first op (creates the account)':>30} {'later op':>20}")
    print(f"{'':48} {'':10} {'':16} {'tx gas':>15}{'op gas':>15} {'tx gas':>10}{'op gas':>10}")
    for name, paid, call, first_tx, first_op, later_tx, later_op in rows:
        print(f"{name:48} {paid:10} {call:16} {first_tx:>15,}{first_op:>15,} {later_tx:>10,}{later_op:>10,}")
    return rows


if __name__ == "__main__":
    main()
