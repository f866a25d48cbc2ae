# The two commands a fresh machine needs (see README.md): `make demo` and `make test`.
# Each installs what it needs first (scripts/setup), then runs.

SWIFT ?= swift

.PHONY: demo test setup bench contracts

## Install the Debian packages and the Python test environment, when missing.
setup:
	@scripts/setup

## The main job on the devnet: deploy, sell Game Passes, pay a daily period (release build; see scripts/demo).
demo: setup
	$(SWIFT) build -c release --product podium
	scripts/demo .build/release/podium

## Every test: unit, differential against the Python oracles, command-line tests, contracts and RPC on the devnet,
## the devnet's own answers checked against the JSON-RPC specification, the ERC-4337 contracts (contracts/tests), and
## the HTML treasury report in headless chromium (hence setup --browser).
test:
	@scripts/setup --browser
	$(SWIFT) build --build-tests
	$(SWIFT) test
	devnet/.venv/bin/python -m unittest discover -s devnet/tests
	devnet/.venv/bin/python -m unittest discover -s contracts/tests

## Benchmarks side by side with their peers: make bench SUITE=keccak (or uint256).
bench: setup
	bench/compare $(SUITE)

## Compile contracts/*.vy with the pinned vyper into abi/*.json (scripts/compile-contracts; --check verifies them).
contracts: setup
	.venv/bin/python scripts/compile-contracts
	.venv/bin/python scripts/embed-artifacts
