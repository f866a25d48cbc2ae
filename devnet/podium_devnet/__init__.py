"""Podium's local development chain: a JSON-RPC server over py-evm (through eth-tester)."""
