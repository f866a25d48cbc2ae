#!/usr/bin/env python3
"""Outside reference for UInt256, Int256 and Units: Python's arbitrary-precision integers and decimal module.

stdin: a JSON list of requests {"op": name, "cases": [[argument, ...], ...]}. stdout: a JSON list holding, per
request, one answer per case, each a list of strings.

Numbers travel as 64 hex digits without 0x: a UInt256 as itself, an Int256 as its two's complement bits, so that
neither side's decimal conversion is trusted. Shift counts and unit decimals are decimal, flags "0"/"1", and
comparisons "-1"/"0"/"1". Results are reduced exactly as the EVM and Swift's wrapping operators do.
"""
import json
import sys
from decimal import Decimal, localcontext

BITS = 256
MOD = 1 << BITS
MASK = MOD - 1
SIGNED_MIN = -(1 << (BITS - 1))
SIGNED_MAX = (1 << (BITS - 1)) - 1


def u(text):
    """A UInt256 argument."""
    return int(text, 16)


def s(text):
    """An Int256 argument: the two's complement reading of 256 bits."""
    value = int(text, 16)
    return value - MOD if value >> (BITS - 1) else value


def w(value):
    """A 256-bit result: the low 256 bits of value (two's complement for negatives), as 64 hex digits."""
    return f"{value & MASK:064x}"


def flag(condition):
    return "1" if condition else "0"


def compare(a, b):
    return str((a > b) - (a < b))


def truncating_divmod(a, b):
    """The quotient rounded toward zero and the remainder with the dividend's sign, as Swift divides."""
    q = abs(a) // abs(b)
    if (a < 0) != (b < 0):
        q = -q
    return q, a - q * b


def trailing_zeros(x):
    return BITS if x == 0 else (x & -x).bit_length() - 1


def out_of_range(x):
    return flag(not SIGNED_MIN <= x <= SIGNED_MAX)


def format_units(value, decimals):
    """The shortest exact decimal of value / 10^decimals."""
    sign = "-" if value < 0 else ""
    whole, fraction = divmod(abs(value), 10 ** decimals)
    if fraction == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{str(fraction).rjust(decimals, '0').rstrip('0')}"


def parse_units(text, decimals, low, high):
    """text · 10^decimals by the decimal module, or why that is not an integer in [low, high]."""
    with localcontext() as context:
        context.prec = 2000
        scaled = Decimal(text).scaleb(decimals)
    if scaled != scaled.to_integral_value():
        return "fraction"
    value = int(scaled)
    return w(value) if low <= value <= high else "overflow"


def signed_division(a, b):
    if (a, b) == (SIGNED_MIN, -1):
        return [w(a), w(0), "1"]
    q, r = truncating_divmod(a, b)
    return [w(q), w(r), "0"]


OPS = {
    # UInt256: a, b -> wrapped result and overflow flag, for + - *.
    "add": lambda a, b: [w(u(a) + u(b)), flag(u(a) + u(b) > MASK)],
    "sub": lambda a, b: [w(u(a) - u(b)), flag(u(a) < u(b))],
    "mul": lambda a, b: [w(u(a) * u(b)), flag(u(a) * u(b) > MASK)],
    "mulFull": lambda a, b: [w(u(a) * u(b) >> BITS), w(u(a) * u(b))],
    "divmod": lambda a, b: [w(u(a) // u(b)), w(u(a) % u(b))],
    "divFull": lambda h, l, d: [w(((u(h) << BITS) + u(l)) // u(d)), w(((u(h) << BITS) + u(l)) % u(d))],
    "addmod": lambda a, b, m: [w((u(a) + u(b)) % u(m) if u(m) else 0)],
    "mulmod": lambda a, b, m: [w((u(a) * u(b)) % u(m) if u(m) else 0)],
    "powmod": lambda b, e, m: [w(pow(u(b), u(e), u(m)) if u(m) else 0)],
    "exp": lambda b, e: [w(pow(u(b), u(e), MOD))],
    "shifts": lambda a, n: [w(u(a) << int(n)), w(u(a) >> int(n))],
    "bitwise": lambda a, b: [w(u(a) & u(b)), w(u(a) | u(b)), w(u(a) ^ u(b)), w(~u(a))],
    "compare": lambda a, b: [compare(u(a), u(b))],
    "bits": lambda a: [str(BITS - u(a).bit_length()), str(trailing_zeros(u(a))), str(bin(u(a)).count("1"))],
    "text": lambda a: [str(u(a)), hex(u(a)), u(a).to_bytes(32, "big").hex(),
                       w(int.from_bytes(u(a).to_bytes(32, "big"), "little"))],
    # Int256 (two's complement arguments and results).
    "signedArithmetic": lambda a, b: [
        w(s(a) + s(b)), out_of_range(s(a) + s(b)),
        w(s(a) - s(b)), out_of_range(s(a) - s(b)),
        w(s(a) * s(b)), out_of_range(s(a) * s(b)),
        w(s(a) * s(b) >> BITS), w(s(a) * s(b)),
        compare(s(a), s(b)),
    ],
    "signedDivmod": lambda a, b: signed_division(s(a), s(b)),
    "signedDivFull": lambda h, l, d: [w(x) for x in truncating_divmod((s(h) << BITS) + u(l), s(d))],
    "signedShifts": lambda a, n: [w(s(a) << int(n)), w(s(a) >> int(n))],
    "signedUnary": lambda a: [w(-s(a)), flag(s(a) == SIGNED_MIN), w(abs(s(a))), str(s(a)), hex(s(a)),
                              str(BITS - u(a).bit_length()), str(trailing_zeros(u(a))), compare(s(a), 0)],
    # Units: a value and decimals -> text; text and decimals -> value, "fraction" or "overflow".
    "formatUnits": lambda value, decimals: [format_units(u(value), int(decimals))],
    "formatSignedUnits": lambda value, decimals: [format_units(s(value), int(decimals))],
    "parseUnits": lambda text, decimals: [parse_units(text, int(decimals), 0, MASK)],
    "parseSignedUnits": lambda text, decimals: [parse_units(text, int(decimals), SIGNED_MIN, SIGNED_MAX)],
}


def main():
    requests = json.load(sys.stdin)
    json.dump([[OPS[request["op"]](*case) for case in request["cases"]] for request in requests], sys.stdout)


if __name__ == "__main__":
    main()
