"""Seed database maker for the Swift tests: a SQLite file with the seed's schema (seed 000, section 3.5), written
with Python's sqlite3 the way the seed's TypeScript client writes it, amounts as REALs (IEEE doubles, as a JavaScript
number is), and the exact base units a reader should find in each amount, computed here with decimal.Decimal.

usage:  seed_db.py OUTPUT.sqlite < spec.json

stdin:  a JSON object; each key is one of the seed's tables, each value a list of rows, each row an object giving
        that table's REAL amount columns:
          leaderboard_archives:      prize_amount
          revenue_allocation_log:    total_revenue, daily_pool_contribution, weekly_pool_contribution, treasury_share
          distribution_summary_log:  total_prize_pool
          prize_distribution_log:    prize_amount (rows point at the summaries in turn, so some must exist)
        An amount is what the client computed, as a double:
          "23.6"                      the double nearest the decimal literal (Python's float(), JavaScript's Number);
          {"sum": ["0.1", "0.2"]}     the doubles of the literals added left to right in float arithmetic;
          {"product": ["59", "0.4"]}  the same, multiplied;
          {"int": "20"}               an integer bound as an INTEGER (SQLite's REAL affinity stores it as a REAL).
        The other columns get plausible values (periods, boards, users, statuses).

stdout: {"amounts": [{"table", "id", "column", "repr", "exact", "baseUnits", "reason"}, ...]}, one per amount in the
        order written, with "id" the row's id, "repr" Python's repr() of the stored double (its shortest round-trip
        decimal), and the verdict of DESIGN.md ("Money and time": a REAL is converted exactly from its decimal text, a
        value that is not representable is an error):
          exact      when repr()'s decimal has at most sys.float_info.dig (15) significant digits, so every decimal of
                     that length survives the trip through a double and it is the amount written; and
                     Decimal(repr) * 10**18 is a whole number of base units from 0 to 2**256 - 1;
          baseUnits  then that whole number as decimal text, else null; "reason" says why not.
"""
import decimal
import json
import sqlite3
import sys

# The seed's section 3.5, as written there (LedgerStore.seedSchema in Sources/PodiumLedgerStore/LedgerStore.swift).
SEED_SCHEMA = """
CREATE TABLE IF NOT EXISTS leaderboard_archives (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  period_identifier TEXT NOT NULL,
  board_type TEXT NOT NULL CHECK(board_type IN ('daily', 'weekly')),
  user_id TEXT NOT NULL,
  rank INTEGER NOT NULL,
  score INTEGER NOT NULL,
  prize_amount REAL NOT NULL,
  archived_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS revenue_allocation_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  purchase_id TEXT NOT NULL,
  total_revenue REAL NOT NULL,
  daily_pool_contribution REAL NOT NULL,
  weekly_pool_contribution REAL NOT NULL,
  treasury_share REAL NOT NULL,
  allocated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS distribution_summary_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  distribution_type TEXT NOT NULL CHECK(distribution_type IN ('daily', 'weekly')),
  period_identifier TEXT NOT NULL,
  total_prize_pool REAL NOT NULL,
  num_winners INTEGER NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('PENDING', 'SUCCESS', 'FAILED', 'SKIPPED')),
  reason TEXT,
  logged_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME
);
CREATE INDEX IF NOT EXISTS idx_leaderboard_archives_period_type ON leaderboard_archives(period_identifier, board_type);
CREATE INDEX IF NOT EXISTS idx_revenue_allocation_log_purchase_id ON revenue_allocation_log(purchase_id);
CREATE INDEX IF NOT EXISTS idx_distribution_summary_log_period_type ON distribution_summary_log(period_identifier, distribution_type);
CREATE TABLE IF NOT EXISTS prize_distribution_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  distribution_summary_id INTEGER NOT NULL, -- Foreign key to distribution_summary_log
  user_id TEXT NOT NULL,                    -- The internal user ID
  wallet_address TEXT NOT NULL,             -- The wallet address that received the prize
  rank INTEGER NOT NULL,
  score INTEGER NOT NULL,
  prize_amount REAL NOT NULL,
  tx_hash TEXT,                             -- Transaction hash of the payout from Base network
  status TEXT NOT NULL CHECK(status IN ('PENDING', 'SUCCESS', 'FAILED', 'RETRYING')), -- Status of this specific payout
  error_message TEXT,                       -- If the payout failed
  distributed_at DATETIME,                  -- Timestamp of when the distribution was confirmed on-chain
  logged_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (distribution_summary_id) REFERENCES distribution_summary_log(id)
);
CREATE INDEX IF NOT EXISTS idx_prize_distribution_log_summary_id ON prize_distribution_log(distribution_summary_id);
CREATE INDEX IF NOT EXISTS idx_prize_distribution_log_user_id ON prize_distribution_log(user_id);
CREATE INDEX IF NOT EXISTS idx_prize_distribution_log_wallet_address ON prize_distribution_log(wallet_address);
CREATE INDEX IF NOT EXISTS idx_prize_distribution_log_status ON prize_distribution_log(status);
CREATE INDEX IF NOT EXISTS idx_prize_distribution_log_tx_hash ON prize_distribution_log(tx_hash);
"""

DECIMALS = 18
FAITHFUL_DIGITS = sys.float_info.dig  # 15
LIMIT = 2**256
WALLETS = ["0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"]

# Every amount column, in the order the client writes a row.
AMOUNT_COLUMNS = {
    "leaderboard_archives": ["prize_amount"],
    "revenue_allocation_log": ["total_revenue", "daily_pool_contribution", "weekly_pool_contribution", "treasury_share"],
    "distribution_summary_log": ["total_prize_pool"],
    "prize_distribution_log": ["prize_amount"],
}


def value_of(spec):
    """The value the client binds: a double (or, for {"int": …}, a Python int)."""
    if isinstance(spec, str):
        return float(spec)
    if "int" in spec:
        return int(spec["int"])
    if "sum" in spec:
        total = float(spec["sum"][0])
        for term in spec["sum"][1:]:
            total = total + float(term)
        return total
    if "product" in spec:
        total = float(spec["product"][0])
        for factor in spec["product"][1:]:
            total = total * float(factor)
        return total
    raise ValueError("unknown amount %r" % (spec,))


def verdict(stored):
    """(repr, base units or None, reason) for a double read back from the database."""
    text = repr(stored)
    if stored != stored or stored in (float("inf"), float("-inf")):
        return text, None, "not finite"
    exact = decimal.Decimal(text)
    digits = exact.normalize().as_tuple().digits if exact != 0 else ()
    if len(digits) > FAITHFUL_DIGITS:
        return text, None, "%d significant digits, more than %d" % (len(digits), FAITHFUL_DIGITS)
    with decimal.localcontext() as context:
        context.prec = 1000
        units = exact.scaleb(DECIMALS)
        if units != units.to_integral_value():
            return text, None, "more than %d decimals" % DECIMALS
    units = int(units)
    if units < 0:
        return text, None, "negative"
    if units >= LIMIT:
        return text, None, "2**256 base units or more"
    return text, str(units), None


def main():
    spec = json.load(sys.stdin)
    unknown = set(spec) - set(AMOUNT_COLUMNS)
    if unknown:
        raise SystemExit("unknown tables: %s" % ", ".join(sorted(unknown)))
    connection = sqlite3.connect(sys.argv[1])
    connection.executescript(SEED_SCHEMA)
    written = []  # (table, id, column)
    for index, row in enumerate(spec.get("leaderboard_archives", [])):
        period, board = ("2026-11-20", "daily") if index % 2 == 0 else ("2026-W47", "weekly")
        cursor = connection.execute(
            "INSERT INTO leaderboard_archives (period_identifier, board_type, user_id, rank, score, prize_amount)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (period, board, "user%d" % index, index % 5 + 1, 1000 - index, value_of(row["prize_amount"])),
        )
        written.append(("leaderboard_archives", cursor.lastrowid, "prize_amount"))
    for index, row in enumerate(spec.get("revenue_allocation_log", [])):
        columns = AMOUNT_COLUMNS["revenue_allocation_log"]
        cursor = connection.execute(
            "INSERT INTO revenue_allocation_log (purchase_id, %s) VALUES (?, ?, ?, ?, ?)" % ", ".join(columns),
            ["purchase%d" % index] + [value_of(row[column]) for column in columns],
        )
        written.extend(("revenue_allocation_log", cursor.lastrowid, column) for column in columns)
    summaries = []
    for index, row in enumerate(spec.get("distribution_summary_log", [])):
        board, period = ("weekly", "2026-W0") if index % 2 else ("daily", "2026-11-20")
        cursor = connection.execute(
            "INSERT INTO distribution_summary_log (distribution_type, period_identifier, total_prize_pool, num_winners,"
            " status) VALUES (?, ?, ?, 1, 'SUCCESS')",
            (board, period, value_of(row["total_prize_pool"])),
        )
        summaries.append(cursor.lastrowid)
        written.append(("distribution_summary_log", cursor.lastrowid, "total_prize_pool"))
    prizes = spec.get("prize_distribution_log", [])
    if prizes and not summaries:
        raise SystemExit("prize_distribution_log rows need distribution_summary_log rows to point at")
    for index, row in enumerate(prizes):
        cursor = connection.execute(
            "INSERT INTO prize_distribution_log (distribution_summary_id, user_id, wallet_address, rank, score,"
            " prize_amount, status) VALUES (?, ?, ?, ?, ?, ?, 'SUCCESS')",
            (summaries[index % len(summaries)], "user%d" % index, WALLETS[index % 2], index % 5 + 1, 100,
             value_of(row["prize_amount"])),
        )
        written.append(("prize_distribution_log", cursor.lastrowid, "prize_amount"))
    connection.commit()

    # Read every amount back as stored, and judge it.
    amounts = []
    for table, row_id, column in written:
        (stored, kind), = connection.execute(
            "SELECT %s, typeof(%s) FROM %s WHERE id = ?" % (column, column, table), (row_id,)
        ).fetchall()
        if kind != "real":
            raise SystemExit("%s id %d: %s stored as %s, not REAL" % (table, row_id, column, kind))
        text, units, reason = verdict(stored)
        amounts.append({"table": table, "id": row_id, "column": column, "repr": text, "exact": units is not None,
                        "baseUnits": units, "reason": reason})
    connection.close()
    json.dump({"amounts": amounts}, sys.stdout)


if __name__ == "__main__":
    main()
