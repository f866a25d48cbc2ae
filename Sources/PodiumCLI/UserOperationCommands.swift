import ArgumentParser
import Foundation
import PodiumAccountAbstraction
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumUserOperations

/// `podium userop …`: ERC-4337 v0.7 user operations as JSON files in the bundler JSON-RPC form (ERC-7769).
struct UserOperationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "userop",
        abstract: "Hash, sign and inspect ERC-4337 v0.7 user operations (JSON files in the ERC-7769 form).",
        subcommands: [
            UserOperationBuild.self, UserOperationHash.self, UserOperationSign.self, UserOperationSend.self, UserOperationStatus.self,
            UserOperationReceiptCommand.self,
        ])
}

/// `--bundler-url URL`, else `$PODIUM_BUNDLER_URL`.
struct BundlerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("An ERC-7769 bundler (default: $PODIUM_BUNDLER_URL).", valueName: "URL")) var bundlerURL: String?

    /// A client of the chosen bundler.
    func client() throws -> BundlerClient {
        guard let url = bundlerURL ?? ProcessInfo.processInfo.environment["PODIUM_BUNDLER_URL"] else {
            throw CommandFailure("no bundler: pass --bundler-url or set PODIUM_BUNDLER_URL (podium bundler serve runs one)")
        }
        return try BundlerClient(url: url)
    }
}

/// `podium userop build --owner ADDRESS (--call TO:DATA … | --gamepass) --bundler-url URL [--paymaster-url URL]`.
struct UserOperationBuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build an unsigned operation of an owner's account: nonce, initCode when new, fees, gas limits, sponsorship.",
        discussion: """
            The calls are --call TO:CALLDATA (repeatable; several make one executeBatch) or --gamepass (the Game Pass \
            purchase: approve when the allowance falls short, then buyGamePass). Fees come from the node's fee \
            history, gas limits from the bundler's eth_estimateUserOperationGas, and with --paymaster-url the \
            paymaster group from the ERC-7677 service (stub, then final data). The signature is a stub of the final \
            length: sign the printed JSON with podium userop sign, then podium userop send.
            """)
    @OptionGroup var account: AccountOwnerOptions
    @Option(help: ArgumentHelp("A call as TO:CALLDATA (0x-hex); repeat for a batch.", valueName: "CALL")) var call: [String] = []
    @Flag(help: "Build the Game Pass purchase of the deployment record's sale.") var gamepass = false
    @Option(help: ArgumentHelp("The 192-bit nonce key.", valueName: "N")) var nonceKey = "0"
    @Option(help: ArgumentHelp("An ERC-7677 paymaster service to sponsor the operation.", valueName: "URL")) var paymasterURL: String?
    @OptionGroup var bundler: BundlerOptions
    @OptionGroup var contracts: AccountAbstractionOptions
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        guard gamepass != !call.isEmpty else { throw ValidationError("give --call TO:CALLDATA (one or more) or --gamepass") }
        let (owner, salt) = try account.parsed()
        let client = try rpc.client()
        let chainID = try await client.chainID()
        let builder = try await UserOperationBuilder(
            owner: owner, salt: salt, contracts: try contracts.contracts(chainID: chainID, client: client),
            bundler: try bundler.client(), sponsor: try paymasterURL.map { try PaymasterClient(url: $0) }, chainID: chainID)
        let calls: [AccountCall]
        if gamepass {
            guard let record = try contracts.record(chainID: chainID) else { throw CommandFailure("no deployment record for --gamepass") }
            calls = try await PodiumDeployment(record: record, client: client).gamePassPurchase(by: builder.address)
        } else {
            calls = try call.map { text in
                let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw CommandFailure("--call must be TO:CALLDATA, got \(text.prefix(80).debugDescription)") }
                return AccountCall(
                    to: try ChainArgument.address(parts[0], what: "--call address"),
                    input: try parseArgument("--call calldata", parts[1]) { try Hex.decode($0, requirePrefix: true) })
            }
        }
        let key = try parseArgument("--nonce-key", nonceKey) { try UInt256(parsing: $0) }
        print(try await builder.build(calls, nonceKey: key).json.prettyText)
    }
}

/// `podium userop send FILE --bundler-url URL [--entry-point ADDRESS] [--wait]`: eth_sendUserOperation.
struct UserOperationSend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send", abstract: "Hand a signed operation to a bundler (eth_sendUserOperation) and print its userOpHash.")
    @Argument(help: ArgumentHelp("The signed operation's JSON file, or - for stdin.", valueName: "FILE")) var file: String
    @OptionGroup var bundler: BundlerOptions
    @Option(help: ArgumentHelp("The EntryPoint (default: the bundler's first supported one).", valueName: "ADDRESS"))
    var entryPoint: String?
    @Flag(help: "Wait for the receipt and print its transaction hash and outcome too.") var wait = false

    func run() async throws {
        let operation = try UserOperationFile.read(file)
        let client = try bundler.client()
        let entryPoint: Address
        if let given = self.entryPoint {
            entryPoint = try ChainArgument.address(given, what: "--entry-point")
        } else {
            guard let first = try await client.supportedEntryPoints().first else {
                throw CommandFailure("the bundler supports no EntryPoint")
            }
            entryPoint = first
        }
        let hash = try await client.sendUserOperation(operation, entryPoint: entryPoint)
        print(hash)
        guard wait else { return }
        let receipt = try await client.waitForReceipt(hash)
        print("transaction \(receipt.transactionHash) (block \(receipt.receipt.blockNumber)), success \(receipt.success), actualGasCost \(receipt.event.actualGasCost) wei")
    }
}

/// `podium userop status HASH --bundler-url URL`: eth_getUserOperationByHash.
struct UserOperationStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Say whether an operation is on chain yet, and where (eth_getUserOperationByHash).")
    @Argument(help: ArgumentHelp("The userOpHash.", valueName: "HASH")) var hash: String
    @OptionGroup var bundler: BundlerOptions

    func run() async throws {
        let hash = try ChainArgument.hash(hash, what: "userOpHash")
        guard let included = try await bundler.client().userOperationByHash(hash) else {
            print("not on chain (pending or unknown to the bundler)")
            return
        }
        print("included in \(included.transactionHash), block \(included.blockNumber) (\(included.blockHash)), EntryPoint \(included.entryPoint)")
    }
}

/// `podium userop receipt HASH --bundler-url URL [--json]`: eth_getUserOperationReceipt.
struct UserOperationReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt", abstract: "Print what an operation did on chain (eth_getUserOperationReceipt).")
    @Argument(help: ArgumentHelp("The userOpHash.", valueName: "HASH")) var hash: String
    @OptionGroup var bundler: BundlerOptions

    func run() async throws {
        let hash = try ChainArgument.hash(hash, what: "userOpHash")
        guard let receipt = try await bundler.client().userOperationReceipt(hash) else {
            throw CommandFailure("no receipt for \(hash): the operation is not on chain (yet)")
        }
        let event = receipt.event
        FieldPrinter.print([
            ("userOpHash", "\(event.userOpHash)"), ("sender", "\(event.sender)"), ("nonce", "\(event.nonce)"),
            ("paymaster", "\(event.paymaster)"), ("success", "\(event.success)"), ("actualGasCost", "\(event.actualGasCost)"),
            ("actualGasUsed", "\(event.actualGasUsed)"), ("transactionHash", "\(receipt.transactionHash)"),
            ("blockNumber", "\(receipt.receipt.blockNumber)"), ("entryPoint", "\(receipt.entryPoint)"),
        ])
    }
}

/// Where the ERC-4337 contracts are: the deployment record, or addresses given, so that the canonical ones (or any
/// other deployment) can be named.
struct AccountAbstractionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Where deployment records live.", valueName: "DIR")) var deployments = "deployments"
    @Option(help: ArgumentHelp("The EntryPoint v0.7 (default: the deployment record's).", valueName: "ADDRESS"))
    var entryPoint: String?
    @Option(help: ArgumentHelp("The account factory (default: the deployment record's).", valueName: "ADDRESS"))
    var factory: String?
    @Option(help: ArgumentHelp("The verifying paymaster (default: the deployment record's).", valueName: "ADDRESS"))
    var paymaster: String?

    /// The EntryPoint given, if any.
    func givenEntryPoint() throws -> Address? { try entryPoint.map { try ChainArgument.address($0, what: "--entry-point") } }

    /// The record for `chainID`, if there is one.
    func record(chainID: UInt64) throws -> DeploymentRecord? {
        try DeploymentRecord.load(from: DeploymentRecord.fileURL(directory: URL(fileURLWithPath: deployments), chainID: chainID))
    }

    /// The contracts, from the record with any address given in its place.
    func contracts(chainID: UInt64, client: RPCClient) throws -> AccountAbstractionDeployment {
        try AccountAbstractionDeployment(
            record: try record(chainID: chainID), client: client, entryPoint: try givenEntryPoint(),
            factory: try factory.map { try ChainArgument.address($0, what: "--factory") },
            paymaster: try paymaster.map { try ChainArgument.address($0, what: "--paymaster") })
    }
}

/// An operation file (or `-`, stdin) read strictly.
enum UserOperationFile {
    static func read(_ path: String) throws -> UserOperation {
        let bytes: [UInt8]
        if path == "-" {
            bytes = try StdinArgument.bytes("-", what: "the user operation")
        } else {
            do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
                throw CommandFailure("cannot read \(path): \(error.localizedDescription)")
            }
        }
        let json: JSONValue
        do { json = try JSONValue(json: bytes) } catch { throw CommandFailure("\(path): not JSON: \(error)") }
        do { return try UserOperation(json: json) } catch { throw CommandFailure("\(path): \(error)") }
    }
}

/// `podium userop hash FILE [--entry-point ADDRESS] [--chain-id N]`: the v0.7 userOpHash.
struct UserOperationHash: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print an operation's v0.7 userOpHash (no node is asked when --entry-point and --chain-id are given).")
    @Argument(help: ArgumentHelp("The operation's JSON file, or - for stdin.", valueName: "FILE")) var file: String
    @Option(help: ArgumentHelp("The chain (default: the node's).", valueName: "N")) var chainId: UInt64?
    @OptionGroup var contracts: AccountAbstractionOptions
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let operation = try UserOperationFile.read(file)
        print(try await UserOperationContext.hash(operation, of: file, contracts, rpc: rpc, chainID: chainId))
    }
}

/// `podium userop sign FILE (--private-key K | --dev-account N)`: the operation with the SimpleAccount owner's
/// signature over its userOpHash (EIP-191), printed as JSON.
struct UserOperationSign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign an operation as its SimpleAccount's owner (EIP-191 of the userOpHash) and print it as JSON.")
    @Argument(help: ArgumentHelp("The operation's JSON file, or - for stdin.", valueName: "FILE")) var file: String
    @Option(help: ArgumentHelp("The chain (default: the node's).", valueName: "N")) var chainId: UInt64?
    @OptionGroup var sender: SenderOptions
    @OptionGroup var contracts: AccountAbstractionOptions
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        var operation = try UserOperationFile.read(file)
        let key = try sender.load()
        let hash = try await UserOperationContext.hash(operation, of: file, contracts, rpc: rpc, chainID: chainId)
        operation.signature = SimpleAccount.signature(for: hash, with: key)
        print(operation.json.prettyText)
    }
}

/// The EntryPoint and chain an operation is hashed for.
enum UserOperationContext {
    /// The userOpHash of `operation`, read from `file`, for the EntryPoint and chain `resolve` finds.
    static func hash(
        _ operation: UserOperation, of file: String, _ contracts: AccountAbstractionOptions, rpc: RPCOptions, chainID: UInt64?
    ) async throws -> Bytes32 {
        let (entryPoint, chainID) = try await resolve(contracts, rpc: rpc, chainID: chainID)
        do { return try operation.packed().hash(entryPoint: entryPoint, chainID: chainID) } catch {
            throw CommandFailure("\(file): \(error)")
        }
    }

    /// `--entry-point` and `--chain-id` when given; else the node's chain id and the record's EntryPoint.
    static func resolve(
        _ contracts: AccountAbstractionOptions, rpc: RPCOptions, chainID given: UInt64?
    ) async throws -> (entryPoint: Address, chainID: UInt64) {
        if let entryPoint = try contracts.givenEntryPoint(), let given { return (entryPoint, given) }
        let chainID: UInt64
        if let given { chainID = given } else { chainID = try await rpc.client().chainID() }
        if let entryPoint = try contracts.givenEntryPoint() { return (entryPoint, chainID) }
        guard let entryPoint = try contracts.record(chainID: chainID)?.address(of: "EntryPoint") else {
            throw CommandFailure(
                "no EntryPoint for chain \(chainID): give --entry-point, or --deployments where podium deploy recorded one")
        }
        return (entryPoint, chainID)
    }
}

/// `podium account address | deploy`: the owner's SimpleAccount.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "An owner's SimpleAccount: its counterfactual address, or its creation.",
        subcommands: [AccountAddress.self, AccountDeploy.self])
}

/// The owner and salt of an account.
struct AccountOwnerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The account's owner (its signing key's address).", valueName: "ADDRESS")) var owner: String
    @Option(help: ArgumentHelp("The factory's salt.", valueName: "N")) var salt: String = "0"

    func parsed() throws -> (owner: Address, salt: UInt256) {
        (try ChainArgument.address(owner, what: "--owner"), try parseArgument("--salt", salt) { try UInt256(parsing: $0) })
    }
}

/// `podium account address --owner ADDRESS [--salt N]`.
struct AccountAddress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "address",
        abstract: "Print the owner's account address: computed locally for Podium's factory, asked of the chain otherwise.",
        discussion: """
            For the deployment record's factory (Podium's, whose accounts are Vyper minimal proxies created with \
            CREATE2 and the salt keccak256(abi.encode(owner, salt))) the address is computed without sending \
            anything; for any other factory given with --factory it is the EntryPoint's getSenderAddress of the \
            factory's createAccount(owner, salt).
            """)
    @OptionGroup var account: AccountOwnerOptions
    @OptionGroup var contracts: AccountAbstractionOptions
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let (owner, salt) = try account.parsed()
        let client = try rpc.client()
        let chainID = try await client.chainID()
        let record = try contracts.record(chainID: chainID)
        let given = try contracts.factory.map { try ChainArgument.address($0, what: "--factory") }
        if let podium = record?.address(of: "SimpleAccountFactory"), given == nil || given == podium,
            let implementation = record?.address(of: "SimpleAccount")
        {
            print(AccountFactory(address: podium, implementation: implementation).accountAddress(owner: owner, salt: salt))
            return
        }
        let deployment = try contracts.contracts(chainID: chainID, client: client)
        let initCode = deployment.factory.address.bytes + deployment.factory.createAccount(owner: owner, salt: salt).input
        print(try await deployment.entryPoint.senderAddress(initCode: initCode))
    }
}

/// `podium account deploy --owner ADDRESS [--salt N]`: the factory's createAccount, sent from a funded key.
struct AccountDeploy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy", abstract: "Create the owner's account now with the factory's createAccount (paid by the sender).")
    @OptionGroup var account: AccountOwnerOptions
    @OptionGroup var contracts: AccountAbstractionOptions
    @OptionGroup var sender: SenderOptions
    @OptionGroup var rpc: RPCOptions

    func run() async throws {
        let (owner, salt) = try account.parsed()
        let client = try rpc.client()
        let transactionSender = try await TransactionSender(client: client, signer: sender.load())
        let deployment = try contracts.contracts(chainID: transactionSender.chainID, client: client)
        let address = try await deployment.factory.accountAddress(owner: owner, salt: salt)
        if try await !client.code(at: address).isEmpty {
            print("\(address) (already deployed)")
            return
        }
        let receipt = try await deployment.factory.createAccount(owner: owner, salt: salt).sendAndWait(from: transactionSender)
        print("\(address) (created in \(receipt.transactionHash), block \(receipt.blockNumber))")
    }
}
