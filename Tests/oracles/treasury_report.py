"""Treasury report oracle for PodiumReportsTests: recomputes a JSON treasury report's derived figures with Python
integers, from its parts only.

Reads the report (PodiumReports' JSON shape) on stdin and answers:
  {"totals": {board: {"periods": n, "base": "..", "bonus": "..", "paid": "..", "carryOut": ".." | null}},
   "differences": ["<actual - expected>", ...],       one per check, signed
   "checksOff": n, "discrepancies": n, "balances": bool,
   "weiPerOperation": "<weiSpent // operations>",      "0" without operations
   "periodsAddUp": [bool, ...]}                        per period: base + bonus + carryIn == total,
                                                       sum(prizes) == paid, paid + carryOut == total
Amounts in and out are decimal strings of base units; json parses numbers as int, never float, for counts.
"""

import json
import sys

report = json.load(sys.stdin, parse_float=lambda text: sys.exit(f"float in report: {text}"))

totals = {}
for board in ("daily", "weekly"):
    periods = [p for p in report["periods"] if p["board"] == board]
    totals[board] = {
        "periods": len(periods),
        "base": str(sum(int(p["base"]) for p in periods)),
        "bonus": str(sum(int(p["bonus"]) for p in periods)),
        "paid": str(sum(int(p["paid"]) for p in periods)),
        "carryOut": periods[-1]["carryOut"] if periods else None,
    }

differences = [str(int(c["actual"]) - int(c["expected"])) for c in report["checks"]]
checks_off = sum(1 for d in differences if d != "0")
discrepancies = sum(1 for f in report["findings"] if f["status"] not in ("MATCHED", "PENDING"))
operations = report["gas"]["operations"]
json.dump(
    {
        "totals": totals,
        "differences": differences,
        "checksOff": checks_off,
        "discrepancies": discrepancies,
        "balances": checks_off == 0 and discrepancies == 0,
        "weiPerOperation": str(int(report["gas"]["weiSpent"]) // operations if operations else 0),
        "periodsAddUp": [
            int(p["base"]) + int(p["bonus"]) + int(p["carryIn"]) == int(p["total"])
            and sum(int(prize["amount"]) for prize in p["prizes"]) == int(p["paid"])
            and int(p["paid"]) + int(p["carryOut"]) == int(p["total"])
            for p in report["periods"]
        ],
    },
    sys.stdout,
)
