import ArgumentParser
import PodiumPrimitives
import PodiumRLP

/// `podium to-check-sum-address <ADDRESS>`, as `cast to-check-sum-address`.
struct ToCheckSumAddress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "to-check-sum-address",
        abstract: "Print an address with its EIP-55 checksum.",
        discussion: "Lowercase and uppercase input is accepted; mixed case must already carry a valid checksum.",
        aliases: ["to-checksum-address", "to-checksum"]
    )

    @Argument(help: "The address: 0x and 40 hex digits.")
    var address: String

    func run() throws {
        print(try ChainArgument.address(address))
    }
}

/// `podium compute-address <DEPLOYER> (--nonce N | --salt S (--init-code C | --init-code-hash H))`.
struct ComputeAddress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the address of a contract deployed by CREATE or CREATE2.",
        discussion: """
            With --nonce: CREATE, keccak256(rlp([deployer, nonce]))[12:]; without it (and without CREATE2 options) \
            the nonce is the deployer's next one, asked of the node (--rpc-url).
            With --salt and --init-code or --init-code-hash: CREATE2 (EIP-1014), \
            keccak256(0xff ++ deployer ++ salt ++ keccak256(init_code))[12:].
            """
    )

    @Argument(help: "The deploying account or factory.")
    var deployer: String

    @Option(parsing: .unconditional, help: "The deployer's nonce at the time of deployment (CREATE).")
    var nonce: String?

    @Option(help: "The 32-byte CREATE2 salt, as 0x and 64 hex digits.")
    var salt: String?

    @Option(help: "The contract's creation code, as 0x-hex (CREATE2).")
    var initCode: String?

    @Option(help: "Keccak-256 of the creation code, as 0x and 64 hex digits (CREATE2).")
    var initCodeHash: String?

    @OptionGroup var rpc: RPCOptions

    func validate() throws {
        switch (nonce, salt, initCode, initCodeHash) {
        case (.some, nil, nil, nil), (nil, nil, nil, nil), (nil, .some, .some, nil), (nil, .some, nil, .some): return
        case (.some, _, _, _): throw ValidationError("--nonce (CREATE) cannot be combined with CREATE2 options")
        case (nil, nil, _, _): throw ValidationError("--init-code and --init-code-hash are CREATE2's: give --salt too")
        case (nil, .some, nil, nil): throw ValidationError("--salt needs --init-code or --init-code-hash")
        case (nil, .some, .some, .some): throw ValidationError("give --init-code or --init-code-hash, not both")
        }
    }

    func run() async throws {
        let deployer = try ChainArgument.address(deployer, what: "deployer address")
        if salt == nil {
            let value: UInt64
            if let nonce {
                value = try parseArgument("nonce", nonce) { text throws(NonceError) in
                    guard let value = UInt64(text) else { throw NonceError() }
                    return value
                }
            } else {
                value = try await rpc.client().transactionCount(of: deployer, at: .pending)
            }
            print(Address.contractAddress(deployer: deployer, nonce: value))
            return
        }
        let salt = try parseArgument("salt", salt!) { try Bytes32(hex: $0) }
        if let initCodeHash {
            let hash = try parseArgument("init code hash", initCodeHash) { try Bytes32(hex: $0) }
            print(Address.create2(deployer: deployer, salt: salt, initCodeHash: hash))
        } else {
            let code = try parseArgument("init code", initCode!) { try Hex.decode($0, requirePrefix: true) }
            print(Address.create2(deployer: deployer, salt: salt, initCode: code))
        }
    }

    struct NonceError: Error, CustomStringConvertible {
        var description: String { "expected a decimal integer from 0 to 2^64-1" }
    }
}
