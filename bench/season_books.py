#!/usr/bin/env python3
"""Fills a deployment's index and ledger with a synthetic season, for timing `podium reconcile` at scale.

usage: bench/season_books.py DIR --chain-id N --token ADDR --sale ADDR --distributor ADDR --podium PATH
                             [--purchases N] [--days D] [--buyers B] [--rpc-url URL]

DIR must hold index.sqlite and ledger.sqlite with their schemas (`podium index` run once after the deploy, and
`podium ledger init`). What it adds, in one transaction per file:

- the index: N GamePassPurchased logs (`logs` + `game_pass_purchases`), 20 GLICO each split 14 / 1.8 / 4.2 GLICO
  (DESIGN.md's revenue rules), spread evenly over the D days that end the day before the deployment (day numbers
  since 1970-01-01), bought by B wallets in turn; for each of the D daily periods and each ISO week lying wholly in
  those days, the payout transaction as the distributor emits it: a PrizesDistributed log (`prizes_distributed`,
  `prize_winners`) followed at the next log index by its PeriodPaid (`period_paid`), paying five of the buyers the
  amounts the ledger settled. The rows lie in the blocks 1 … min(finalized, cursor) of index_state, with those
  blocks' real hashes (read from the node when --rpc-url is given, else made up), after any log already indexed
  there; index_state itself is left as podium wrote it, so the report's block is still the node's.
- the ledger: one revenue_allocation_log row per purchase (purchase_id `0x<tx hash>:<log index>`), and per period a
  settlement as `podium settle` records it and confirms it: the pool (base 50 GLICO daily, 500 weekly, + the
  period's contributions + the board's carry-in), split 4000/2400/1600/1200/800 basis points rounded down, carry-out
  = total − paid; its distribution_summary_log row (SUCCESS), five prize_distribution_log rows (SUCCESS, with the
  payout's hash and block) and a confirmed payout_journal entry.

The index also gets the token's Transfer rows a real season has (`logs` + `token_transfers`): per purchase the
buyer's two transfers (14 GLICO to a treasury address, 6 GLICO to the distributor), per period the base minted to
the distributor and the five prizes it pays. `podium reconcile` on the result matches every payout and balances
every check but the distributor's balance (exit status 1): the books say what those transfers leave in it, while
balanceOf on the devnet, where none of it happened, answers 0.
"""
import argparse
import datetime
import hashlib
import json
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

GLICO = 10**18
PRICE, TREASURY, DAILY, WEEKLY = 20 * GLICO, 14 * GLICO, 18 * GLICO // 10, 42 * GLICO // 10
BASE = {"daily": 50 * GLICO, "weekly": 500 * GLICO}
PLACE_BPS = (4000, 2400, 1600, 1200, 800)
STAMP = "2026-01-01 00:00:00"
BATCH = 50_000


def word(value):
    return value.to_bytes(32, "big")


def digest(tag, number, size=32):
    return hashlib.blake2b(tag + number.to_bytes(8, "big"), digest_size=size).digest()


def hex0x(data):
    return "0x" + data.hex()


def glico(amount):
    """The seed's REAL columns: the amount in GLICO."""
    return amount / GLICO


def abi_event_data(winners, amounts, timestamp):
    """PrizesDistributed's data: (address[] winners, uint256[] amounts, uint256 timestamp)."""
    n = len(winners)
    head = word(96) + word(96 + 32 * (n + 1)) + word(timestamp)
    return head + word(n) + b"".join(bytes(12) + w for w in winners) + word(n) + b"".join(word(a) for a in amounts)


def block_hashes(rpc_url, numbers, known):
    hashes = dict(known)
    for number in numbers:
        if number in hashes:
            continue
        if rpc_url:
            body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "eth_getBlockByNumber", "params": [hex(number), False]})
            request = urllib.request.Request(rpc_url, body.encode(), {"Content-Type": "application/json"})
            block = json.load(urllib.request.urlopen(request, timeout=30))["result"]
            hashes[number] = (bytes.fromhex(block["hash"][2:]), bytes.fromhex(block["parentHash"][2:]), int(block["timestamp"], 16))
        else:
            hashes[number] = (digest(b"block", number), digest(b"block", number - 1), 0)
    return hashes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--chain-id", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--sale", required=True)
    parser.add_argument("--distributor", required=True)
    parser.add_argument("--podium", required=True, help="the podium binary, for the events' topics (podium keccak)")
    parser.add_argument("--purchases", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--buyers", type=int, default=5_000)
    parser.add_argument("--rpc-url")
    args = parser.parse_args()
    started = time.monotonic()

    def topic(signature):
        out = subprocess.run([args.podium, "keccak", signature], capture_output=True, text=True, check=True).stdout.strip()
        return bytes.fromhex(out[2:])

    topic_purchase = topic("GamePassPurchased(address,uint256,uint256,uint256,uint256,uint256)")
    topic_prizes = topic("PrizesDistributed(uint8,address[],uint256[],uint256)")
    topic_paid = topic("PeriodPaid(uint8,uint256,uint256)")
    topic_transfer = topic("Transfer(address,address,uint256)")
    sale, distributor = bytes.fromhex(args.sale[2:].lower()), bytes.fromhex(args.distributor[2:].lower())
    token, treasury = bytes.fromhex(args.token[2:].lower()), digest(b"treasury", 0, 20)
    chain = args.chain_id

    index = sqlite3.connect(args.dir / "index.sqlite", isolation_level=None)
    ledger = sqlite3.connect(args.dir / "ledger.sqlite", isolation_level=None)
    for db in (index, ledger):
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -262144")
    cursor, finalized = index.execute("SELECT cursor, finalized FROM index_state WHERE chain_id = ?", (chain,)).fetchone()
    last_block = min(cursor, finalized)
    if last_block < 1:
        sys.exit("season_books: the index has no final block yet")
    known = {n: (h, p, t) for n, h, p, t in index.execute("SELECT number, hash, parent_hash, timestamp FROM blocks WHERE chain_id = ?", (chain,))}
    hashes = block_hashes(args.rpc_url, range(1, last_block + 1), known)
    next_log_index = {n: (i or -1) + 1 for n, i in index.execute(
        "SELECT block_number, max(log_index) FROM logs WHERE chain_id = ? GROUP BY block_number", (chain,))}
    next_log_id = (index.execute("SELECT max(id) FROM logs").fetchone()[0] or 0) + 1
    deploy_time = hashes[last_block][2] or int(time.time())
    last_day = deploy_time // 86400 - 1
    first_day = last_day - args.days + 1
    buyers = [digest(b"buyer", j, 20) for j in range(args.buyers)]

    index.execute("BEGIN")
    ledger.execute("BEGIN")
    logs, purchases, revenue, transfers = [], [], [], []
    distributed, winners_rows, paid_rows = [], [], []
    summaries = []  # (board, period text, period id, base, bonus, carry in, count, places, tx, block, block hash)
    carry = {"daily": 0, "weekly": 0}
    count_by_day = {}

    def flush():
        index.executemany("INSERT INTO logs (id, chain_id, block_number, block_hash, transaction_hash, transaction_index, "
                          "log_index, address, topic0, topic1, topic2, topic3, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", logs)
        index.executemany("INSERT INTO game_pass_purchases (log_id, chain_id, block_number, contract, buyer, day, price, "
                          "treasury_amount, daily_pool_amount, weekly_pool_amount) VALUES (?,?,?,?,?,?,?,?,?,?)", purchases)
        index.executemany("INSERT INTO prizes_distributed (log_id, chain_id, block_number, contract, prize_type, timestamp, "
                          "total) VALUES (?,?,?,?,?,?,?)", distributed)
        index.executemany("INSERT INTO prize_winners (log_id, place, winner, amount) VALUES (?,?,?,?)", winners_rows)
        index.executemany("INSERT INTO period_paid (log_id, chain_id, block_number, contract, prize_type, period_id, total) "
                          "VALUES (?,?,?,?,?,?,?)", paid_rows)
        index.executemany("INSERT INTO token_transfers (log_id, chain_id, block_number, token, sender, receiver, value) "
                          "VALUES (?,?,?,?,?,?,?)", transfers)
        ledger.executemany(
            "INSERT INTO revenue_allocation_log (purchase_id, total_revenue, daily_pool_contribution, weekly_pool_contribution, "
            "treasury_share, total_revenue_base_units, daily_pool_contribution_base_units, weekly_pool_contribution_base_units, "
            "treasury_share_base_units, chain_id, block_number, block_hash, tx_hash, log_index, allocated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", revenue)
        for rows in (logs, purchases, revenue, distributed, winners_rows, paid_rows, transfers):
            rows.clear()

    def emit_log(block, tx, topics, data, address=None):
        nonlocal next_log_id
        log_index = next_log_index.get(block, 0)
        next_log_index[block] = log_index + 1
        topics = list(topics) + [None] * (4 - len(topics))
        log_id = next_log_id
        next_log_id += 1
        address = address or (sale if topics[0] == topic_purchase else distributor)
        logs.append((log_id, chain, block, hashes[block][0], tx, 0, log_index, address, *topics, data))
        return log_id, log_index

    def emit_transfer(block, tx, sender, receiver, value):
        log_id, _ = emit_log(block, tx, [topic_transfer, bytes(12) + sender, bytes(12) + receiver], word(value), token)
        transfers.append((log_id, chain, block, token, sender, receiver, word(value)))

    payout_number = 0

    def settle(board, text, period_id, days, block):
        nonlocal payout_number
        count = sum(count_by_day.get(d, 0) for d in days)
        bonus = count * (DAILY if board == "daily" else WEEKLY)
        base, carry_in = BASE[board], carry[board]
        total = base + bonus + carry_in
        amounts = [total * bps // 10_000 for bps in PLACE_BPS]
        carry[board] = total - sum(amounts)
        payout_number += 1
        tx = digest(b"payout", payout_number)
        winners = [buyers[(payout_number * 7 + k * 1_013) % len(buyers)] for k in range(5)]
        prize_type = 0 if board == "daily" else 1
        emit_transfer(block, digest(b"funding", payout_number), bytes(20), distributor, base)  # the base, minted to it
        for winner, amount in zip(winners, amounts):
            emit_transfer(block, tx, distributor, winner, amount)
        log_id, _ = emit_log(block, tx, [topic_prizes, word(prize_type)], abi_event_data(winners, amounts, hashes[block][2]))
        distributed.append((log_id, chain, block, distributor, prize_type, word(hashes[block][2]), word(sum(amounts))))
        winners_rows.extend((log_id, k + 1, w, word(a)) for k, (w, a) in enumerate(zip(winners, amounts)))
        paid_id, _ = emit_log(block, tx, [topic_paid, word(prize_type), word(period_id)], word(sum(amounts)))
        paid_rows.append((paid_id, chain, block, distributor, prize_type, word(period_id), word(sum(amounts))))
        summaries.append((board, text, period_id, base, bonus, carry_in, total, count, winners, amounts, tx, block))

    def day_closed(day, block):
        date = datetime.date(1970, 1, 1) + datetime.timedelta(days=day)
        settle("daily", date.isoformat(), int(date.strftime("%Y%m%d")), [day], block)
        iso = date.isocalendar()
        if iso.weekday == 7 and day - 6 >= first_day:
            settle("weekly", f"{iso.year:04d}-W{iso.week:02d}", iso.year * 100 + iso.week, range(day - 6, day + 1), block)

    n = args.purchases
    current_day = first_day
    for i in range(n):
        day = first_day + i * args.days // n
        block = 1 + i * last_block // n
        while current_day < day:
            day_closed(current_day, block)
            current_day += 1
        tx = digest(b"purchase", i)
        buyer = buyers[i % len(buyers)]
        emit_transfer(block, tx, buyer, treasury, TREASURY)
        emit_transfer(block, tx, buyer, distributor, DAILY + WEEKLY)
        log_id, log_index = emit_log(block, tx, [topic_purchase, bytes(12) + buyer, word(day)],
                                     word(PRICE) + word(TREASURY) + word(DAILY) + word(WEEKLY))
        purchases.append((log_id, chain, block, sale, buyer, word(day), word(PRICE), word(TREASURY), word(DAILY), word(WEEKLY)))
        revenue.append((f"{hex0x(tx)}:{log_index}", glico(PRICE), glico(DAILY), glico(WEEKLY), glico(TREASURY), str(PRICE),
                        str(DAILY), str(WEEKLY), str(TREASURY), chain, block, hex0x(hashes[block][0]), hex0x(tx), log_index, STAMP))
        count_by_day[day] = count_by_day.get(day, 0) + 1
        if len(logs) >= BATCH:
            flush()
    while current_day <= last_day:
        day_closed(current_day, last_block)
        current_day += 1
    flush()
    index.executemany("INSERT OR IGNORE INTO blocks (chain_id, number, hash, parent_hash, timestamp, finalized) VALUES (?,?,?,?,?,1)",
                      [(chain, number, h, p, t) for number, (h, p, t) in hashes.items()])

    for board, text, period_id, base, bonus, carry_in, total, count, winners, amounts, tx, block in summaries:
        paid = sum(amounts)
        block_hash = hex0x(hashes[block][0])
        summary = ledger.execute(
            "INSERT INTO distribution_summary_log (distribution_type, period_identifier, total_prize_pool, num_winners, status, "
            "logged_at, updated_at, total_prize_pool_base_units, chain_id, period_id) VALUES (?,?,?,5,'SUCCESS',?,?,?,?,?)",
            (board, text, glico(total), STAMP, STAMP, str(total), chain, period_id)).lastrowid
        ledger.executemany(
            "INSERT INTO prize_distribution_log (distribution_summary_id, user_id, wallet_address, rank, score, prize_amount, "
            "tx_hash, status, distributed_at, logged_at, prize_amount_base_units, chain_id, block_number, block_hash) "
            "VALUES (?,?,?,?,?,?,?,'SUCCESS',?,?,?,?,?,?)",
            [(summary, f"player-{w.hex()[:8]}", hex0x(w), k + 1, 1000 - k, glico(a), hex0x(tx), STAMP, STAMP, str(a), chain, block,
              block_hash) for k, (w, a) in enumerate(zip(winners, amounts))])
        settlement = ledger.execute(
            "INSERT INTO settlements (chain_id, board, period, period_id, distribution_summary_id, base, bonus, carry_in, total, "
            "paid, dust, carry_out, purchases, counted_through_block, standings, settled_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,5,?)",
            (chain, board, text, period_id, summary, str(base), str(bonus), str(carry_in), str(total), str(paid),
             str(total - paid), str(total - paid), count, last_block, "2026-01-01T00:00:00Z")).lastrowid
        ledger.execute(
            "INSERT INTO payout_journal (chain_id, board, period, period_id, distribution_summary_id, total_base_units, state, "
            "tx_hash, block_number, block_hash, intended_at, submitted_at, confirmed_at, settlement_id) "
            "VALUES (?,?,?,?,?,?,'confirmed',?,?,?,?,?,?,?)",
            (chain, board, text, period_id, summary, str(paid), hex0x(tx), block, block_hash, "2026-01-01T00:00:00Z",
             "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", settlement))
    index.execute("COMMIT")
    ledger.execute("COMMIT")
    periods = {"daily": sum(1 for s in summaries if s[0] == "daily"), "weekly": sum(1 for s in summaries if s[0] == "weekly")}
    print(f"season_books: {n} purchases over {args.days} days ({datetime.date(1970, 1, 1) + datetime.timedelta(days=first_day)} … "
          f"{datetime.date(1970, 1, 1) + datetime.timedelta(days=last_day)}) in blocks 1-{last_block}, {periods['daily']} daily and "
          f"{periods['weekly']} weekly periods settled and paid, in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
