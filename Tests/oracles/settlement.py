"""Settlement oracle for the Swift tests: whole seasons of both boards settled from DESIGN.md's rules alone.

It is written from DESIGN.md ("Money and time", "Revenue rules", "Prize rules") and shares nothing with the Swift
code: Python's integers for every amount, datetime.date.isocalendar() for the ISO weeks, and its own ranking.

Rules applied:
  - Money: integers of base units; no floats anywhere.
  - Time: a daily period is a UTC date (YYYY-MM-DD); a weekly period is an ISO-8601 week named by its ISO week-year
    (YYYY-Www), so 2027-01-01 is 2026-W53.
  - Revenue, per purchase: treasury = price * 7000 // 10000; contribution = price - treasury;
    daily = contribution * 3000 // 10000; weekly = contribution - daily. A purchase's daily part goes to the daily
    period of its date, its weekly part to the weekly period (ISO week) of its date. A period's bonus is the sum.
  - Pool: total = base + bonus + carryIn, where carryIn is the previous period's carryOut on the same board (the
    season's opening carry for its first period). Totals must stay below 2**256.
  - Ranking: entries with score 0 are not eligible; one entry per wallet, its best; order by score descending, then
    reached_at ascending (earliest first), then wallet address ascending (as a 160-bit number), then player id
    ascending (its UTF-8 bytes).
  - Places 1-5 get total * bps // 10000 for bps 4000, 2400, 1600, 1200, 800; places nobody holds are not paid.
    paid = the sum of the paid places; dust = total - the sum of all five shares; unclaimed = the five shares minus
    paid; carryOut = total - paid. A period with no eligible entry is skipped (nothing paid, carryOut = total).

stdin:  {"seasons": [season, ...]}, each season an object:
          "firstDay", "days":  the season's days, firstDay as days since 1970-01-01, days >= 1 consecutive days;
                               its periods are every date in it and every ISO week holding one of its dates;
          "bases":             {"daily": int, "weekly": int};
          "openingCarry":      {"daily": int, "weekly": int};
          "purchases":         [{"day": int, "price": int}], day inside the season;
          "standings":         [{"board": "daily"|"weekly", "day": int, "player": str, "wallet": "0x…40 hex",
                                 "score": int, "reachedAt": [seconds, nanoseconds]}], the entry belongs to its
                               board's period holding "day"; reachedAt is whole seconds since
                               1970-01-01T00:00:00Z and nanoseconds within the second, as JSON numbers;
        every other int above is given as a decimal string.
stdout: {"seasons": [{"daily": [period, ...], "weekly": [period, ...]}, ...]}, periods in time order, each
          {"period", "base", "bonus", "carryIn", "total", "places": [[place, wallet (lowercase hex), amount,
           player], ...], "paid", "dust", "unclaimed", "carryOut", "skipped"}, amounts as decimal strings.
"""
import datetime
import json
import sys

PLACE_BPS = [4000, 2400, 1600, 1200, 800]
TREASURY_BPS = 7000
DAILY_BPS = 3000
EPOCH = datetime.date(1970, 1, 1)
LIMIT = 2**256


def date_of(day):
    return EPOCH + datetime.timedelta(days=day)


def period_of(board, day):
    date = date_of(day)
    if board == "daily":
        return date.isoformat()
    year, week, _ = date.isocalendar()
    return "%04d-W%02d" % (year, week)


def revenue(price):
    treasury = price * TREASURY_BPS // 10000
    contribution = price - treasury
    daily = contribution * DAILY_BPS // 10000
    weekly = contribution - daily
    assert treasury + daily + weekly == price
    return {"daily": daily, "weekly": weekly}


def rank_key(entry):
    return (-entry["score"], entry["reachedAt"], int(entry["wallet"], 16), entry["player"].encode("utf-8"))


def ranking(entries):
    best = {}
    for entry in entries:
        if entry["score"] <= 0:
            continue
        wallet = int(entry["wallet"], 16)
        if wallet not in best or rank_key(entry) < rank_key(best[wallet]):
            best[wallet] = entry
    return sorted(best.values(), key=rank_key)


def settle(period, base, bonus, carry_in, entries):
    total = base + bonus + carry_in
    if total >= LIMIT:
        raise ValueError("pool of %s exceeds 2**256 - 1" % period)
    ranked = ranking(entries)
    shares = [total * bps // 10000 for bps in PLACE_BPS]
    places = []
    for index, winner in enumerate(ranked[: len(PLACE_BPS)]):
        places.append([index + 1, "0x%040x" % int(winner["wallet"], 16), str(shares[index]), winner["player"]])
    paid = sum(shares[: len(places)])
    carry_out = total - paid
    return {
        "period": period,
        "base": str(base),
        "bonus": str(bonus),
        "carryIn": str(carry_in),
        "total": str(total),
        "places": places,
        "paid": str(paid),
        "dust": str(total - sum(shares)),
        "unclaimed": str(sum(shares) - paid),
        "carryOut": str(carry_out),
        "skipped": not ranked,
    }, carry_out


def season(request):
    first, count = int(request["firstDay"]), int(request["days"])
    days = range(first, first + count)
    answer = {}
    for board in ("daily", "weekly"):
        periods = []
        for day in days:
            period = period_of(board, day)
            if period not in periods:
                periods.append(period)
        bonus = {period: 0 for period in periods}
        for purchase in request["purchases"]:
            day = int(purchase["day"])
            assert first <= day < first + count, "purchase outside the season"
            bonus[period_of(board, day)] += revenue(int(purchase["price"]))[board]
        entries = {period: [] for period in periods}
        for standing in request["standings"]:
            if standing["board"] != board:
                continue
            seconds, nanoseconds = standing["reachedAt"]
            assert 0 <= nanoseconds < 10**9
            entry = dict(standing, score=int(standing["score"]), reachedAt=(int(seconds), int(nanoseconds)))
            entries[period_of(board, int(standing["day"]))].append(entry)
        carry = int(request["openingCarry"][board])
        base = int(request["bases"][board])
        settled = []
        for period in periods:
            row, carry = settle(period, base, bonus[period], carry, entries[period])
            settled.append(row)
        answer[board] = settled
    return answer


def main():
    request = json.load(sys.stdin)
    json.dump({"seasons": [season(one) for one in request["seasons"]]}, sys.stdout)


if __name__ == "__main__":
    main()
