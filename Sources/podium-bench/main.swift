// podium-bench <suite>: measures one suite and prints `figure<TAB>value<TAB>unit` lines, the format that
// bench/compare reads from Podium and from every peer program. Build it in release mode.

/// The suites, by the name `bench/compare` passes.
let suites: [String: () async -> [Figure]] = [
    "keccak": keccakFigures,
    "uint256": uint256Figures,
    "secp256k1": secp256k1Figures,
    "abi": abiFigures,
    "rpc": rpcFigures,
    "index": indexFigures,
    "tail": tailFigures,
    "userop": userOperationFigures,
]

import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 1, let suite = suites[arguments.first!] else {
    let names = suites.keys.sorted().joined(separator: " | ")
    print("usage: podium-bench <\(names)>")
    exit(2)
}
for figure in await suite() { print(figure.line) }
