"""Hex oracle for the Swift tests: Python's own bytes.hex().

stdin:  a JSON list of byte strings, each a list of integers 0-255;
stdout: the JSON list of their lowercase hex, without 0x, in the same order.
"""
import json
import sys

json.dump([bytes(values).hex() for values in json.load(sys.stdin)], sys.stdout)
