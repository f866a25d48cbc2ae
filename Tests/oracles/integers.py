"""Integer oracle for the Swift tests: Python's own integers and format().

stdin:  a JSON list of [text, base] pairs (base as a decimal string); text is read by int(text, 0) (decimal, 0x, 0o, 0b, a leading -);
stdout: the JSON list of the answers, in order, each an object:
          "base":   the value in that base as cast prints it (0x / 0o / 0b prefixes; a negative value as its
                    256-bit two's complement in every base but 10);
          "uint256": the 32-byte big-endian word of a non-negative value as 0x hex, or null;
          "int256":  the 32-byte two's complement word of a value in int256's range as 0x hex, or null.
"""
import json
import string
import sys

DIGITS = string.digits + string.ascii_lowercase
PREFIXES = {16: "0x", 8: "0o", 2: "0b"}


def in_base(value, base):
    if base == 10:
        return str(value)
    value %= 1 << 256
    digits = ""
    while True:
        value, digit = divmod(value, base)
        digits = DIGITS[digit] + digits
        if value == 0:
            break
    return PREFIXES.get(base, "") + digits


def word(value):
    return "0x" + (value % (1 << 256)).to_bytes(32, "big").hex()


answers = []
for text, base in json.load(sys.stdin):
    base = int(base)
    value = int(text, 0)
    answers.append({
        "base": in_base(value, base),
        "uint256": word(value) if 0 <= value < 1 << 256 else None,
        "int256": word(value) if -(1 << 255) <= value < 1 << 255 else None,
    })
json.dump(answers, sys.stdout)
