"""Ledger oracle for the Swift tests: Python's integers for prize shares, its datetime for ISO weeks.

stdin:  a JSON object with either or both of
          "totals": a list of pool totals as decimal strings;
          "days":   a list of day counts since 1970-01-01 (proleptic Gregorian, within years 1-9999);
stdout: a JSON object:
          "shares": for each total, the five prizes total * bps // 10000 for 4000, 2400, 1600, 1200, 800 basis
                    points, as decimal strings;
          "days":   for each day, [date "YYYY-MM-DD", ISO week-year, ISO week, ISO weekday] from
                    datetime.date.isocalendar().
"""
import datetime
import json
import sys

BASIS_POINTS = [4000, 2400, 1600, 1200, 800]
EPOCH = datetime.date(1970, 1, 1)


def main():
    request = json.load(sys.stdin)
    answer = {}
    if "totals" in request:
        answer["shares"] = [[str(int(total) * bps // 10000) for bps in BASIS_POINTS] for total in request["totals"]]
    if "days" in request:
        rows = []
        for days in request["days"]:
            date = EPOCH + datetime.timedelta(days=days)
            year, week, weekday = date.isocalendar()
            rows.append([date.isoformat(), year, week, weekday])
        answer["days"] = rows
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
