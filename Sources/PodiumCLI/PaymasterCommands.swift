import ArgumentParser
import Foundation
import PodiumABI
import PodiumAccountAbstraction
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumRPC
import PodiumServices
import PodiumSigner
import PodiumSponsor
import PodiumUserOperations

/// `podium paymaster serve | deposit | balance | withdraw`: the sponsor service and the paymaster's deposit.
struct Paymaster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sponsor Game Pass purchases (an ERC-7677 paymaster service), and manage the paymaster's deposit.",
        subcommands: [PaymasterServe.self, PaymasterDeposit.self, PaymasterBalance.self, PaymasterWithdraw.self])
}

/// Which paymaster and EntryPoint: given, else from the deployment record.
struct PaymasterLocation: ParsableArguments {
    @Option(help: ArgumentHelp("Where deployment records live.", valueName: "DIR")) var deployments = "deployments"
    @Option(help: ArgumentHelp("The VerifyingPaymaster (default: the record's).", valueName: "ADDRESS")) var paymaster: String?
    @Option(help: ArgumentHelp("The EntryPoint v0.7 (default: the record's).", valueName: "ADDRESS")) var entryPoint: String?

    /// The record of `chainID`, when there is one.
    func record(chainID: UInt64) throws -> DeploymentRecord? {
        try DeploymentRecord.load(from: DeploymentRecord.fileURL(directory: URL(fileURLWithPath: deployments), chainID: chainID))
    }

    /// The ERC-4337 contracts through `client`.
    func contracts(client: RPCClient, record: DeploymentRecord?) throws -> AccountAbstractionDeployment {
        do {
            return try AccountAbstractionDeployment(
                record: record, client: client, entryPoint: try entryPoint.map { try ChainArgument.address($0, what: "--entry-point") },
                factory: record?.address(of: "SimpleAccountFactory") ?? Address.zero,
                paymaster: try paymaster.map { try ChainArgument.address($0, what: "--paymaster") })
        } catch let error as DeploymentError {
            throw CommandFailure("\(error): run podium deploy, or give --paymaster and --entry-point")
        }
    }
}

/// `podium paymaster serve`: the ERC-7677 sponsor over HTTP on loopback.
struct PaymasterServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve ERC-7677 pm_getPaymasterStubData and pm_getPaymasterData for Game Pass purchases.",
        discussion: """
            JSON-RPC 2.0 on POST http://127.0.0.1:PORT/ (the first line on stdout says where; --port 0 picks a free \
            port). Methods: pm_getPaymasterStubData and pm_getPaymasterData with params [userOp, entryPoint, chainId, \
            context] (userOp in ERC-7769's v0.7 JSON, chainId a hex string), answering {paymaster, paymasterData, \
            paymasterVerificationGasLimit, paymasterPostOpGasLimit} (the stub also isFinal: false and sponsor.name); \
            pm_supportedEntryPoints. Only SimpleAccount's execute(sale, 0, buyGamePass()) or executeBatch of the \
            token's approve(sale, amount <= price) then buyGamePass() is sponsored, within the policy's per-wallet \
            count per UTC day, daily budget in wei, cost per operation, maxFeePerGas cap, gas limits against Podium's \
            estimate, validity (at most 10 minutes) and campaign dates, all counted in the chain's time (the latest block's \
            timestamp, which the EntryPoint checks the signature's window against). Reservations, counts and the budget live in \
            --db (SQLite), settled from the EntryPoint's UserOperationEvents. Errors: -32001 policy refusal (data: \
            reason, limit, remaining, retryAfter), -32002 unsupported EntryPoint, -32003 unsupported chain, -32602 \
            invalid params, -32601 unknown method, -32700 bad JSON, -32603 internal. The sponsor key (the \
            paymaster's verifying signer) is read from --sponsor-key-file or the environment variable \
            PODIUM_SPONSOR_KEY and is never printed. See README.md, "The sponsor", for the policy file.
            """)
    @OptionGroup var rpc: RPCOptions
    @OptionGroup var location: PaymasterLocation
    @Option(help: ArgumentHelp("The port on 127.0.0.1 (0: a free one).", valueName: "N")) var port = 4338
    @Option(help: ArgumentHelp("The sponsor's state (default: sponsor.sqlite beside the deployment record).", valueName: "FILE"))
    var db: String?
    @Option(help: ArgumentHelp("The policy (JSON; default: the built-in limits).", valueName: "FILE")) var policy: String?
    @Option(help: ArgumentHelp("A file holding the sponsor key in hex (default: $PODIUM_SPONSOR_KEY).", valueName: "FILE"))
    var sponsorKeyFile: String?
    @Option(help: ArgumentHelp("Seconds between reads of UserOperationEvents to settle reservations (0: never).", valueName: "SECONDS"))
    var settleInterval = 2

    /// The environment variable the sponsor key is read from without --sponsor-key-file.
    static let keyVariable = "PODIUM_SPONSOR_KEY"

    func run() async throws {
        let key = try loadKey()
        let client = try rpc.client()
        let chainID = try await client.chainID()
        let record = try location.record(chainID: chainID)
        let contracts = try location.contracts(client: client, record: record)
        let signer = try await contracts.paymaster.verifyingSigner()
        guard signer == key.address else {
            throw CommandFailure(
                "the sponsor key's address \(key.address) is not the paymaster's verifying signer \(signer)")
        }
        let policy = try await loadPolicy(record: record, client: client)
        let path = db ?? URL(fileURLWithPath: location.deployments).appendingPathComponent("sponsor.sqlite").path
        let store = try SponsorStore(path: path)
        // The policy's clock is the chain's: the latest block's timestamp, which the EntryPoint checks the signature's
        // window against and the sale dates purchases by, so days moved on a devnet are days for the policy too.
        let clockClient = try rpc.client()
        let service = SponsorService(
            configuration: SponsorConfiguration(
                chainID: chainID, entryPoint: contracts.entryPoint.address, paymaster: contracts.paymaster.address, policy: policy),
            sponsorKey: key, store: store, clock: { try await Self.chainTime(clockClient) })

        let (server, bound) = try await ServiceLaunch.start(port: port) { ready in
            try await HTTPService.serve(JSONRPCEndpoint.router { await service.handle(body: $0) }, port: port, ready: ready)
        }
        ServiceLaunch.announce(port: bound)
        FileHandle.standardError.write(Data((
            "podium: sponsoring for paymaster \(contracts.paymaster.address) (signer \(signer)) through EntryPoint "
                + "\(contracts.entryPoint.address) on chain \(chainID), state in \(path)\n").utf8))
        if settleInterval > 0 {
            try await settle(store: store, client: client, chainID: chainID, contracts: contracts)
        }
        await server.value
    }

    /// The chain's time: the latest block's timestamp.
    static func chainTime(_ client: RPCClient) async throws -> UInt64 {
        guard let block = try await client.block(.latest) else { throw CommandFailure("the node has no latest block") }
        return block.timestamp
    }

    /// The sponsor key, from --sponsor-key-file or the environment; errors describe its source, never its text.
    func loadKey() throws -> PrivateKey {
        do {
            if let sponsorKeyFile { return try PrivateKey(contentsOfFile: sponsorKeyFile) }
            guard ProcessInfo.processInfo.environment[Self.keyVariable] != nil else {
                throw CommandFailure("no sponsor key: give --sponsor-key-file or set \(Self.keyVariable)")
            }
            return try PrivateKey(environment: Self.keyVariable)
        } catch let error as SignerError {
            throw CommandFailure("invalid sponsor key in \(sponsorKeyFile ?? "$" + Self.keyVariable): \(error)")
        }
    }

    /// The policy: the record's sale, token and factory and the sale's price on chain, then the file's members.
    func loadPolicy(record: DeploymentRecord?, client: RPCClient) async throws -> SponsorPolicy {
        var file: JSONValue = [:]
        if let policy {
            do {
                file = try JSONValue(json: Array(try Data(contentsOf: URL(fileURLWithPath: policy))))
            } catch {
                throw CommandFailure("cannot read the policy \(policy): \(error)")
            }
        }
        let members = file.objectValue ?? [:]
        func address(_ member: String, _ contract: String) throws -> Address {
            if case .string(let text)? = members[member] { return try ChainArgument.address(text, what: "policy \(member)") }
            guard let address = record?.address(of: contract) else {
                throw CommandFailure("no \(contract) in the deployment record: give \"\(member)\" in --policy, or run podium deploy")
            }
            return address
        }
        let sale = try address("sale", "GamePassSale")
        let token = try address("token", "GlicoToken")
        let price = members["gamePassPrice"] == nil ? try await GamePassSale(address: sale, client: client).price() : .zero
        let base = SponsorPolicy(sale: sale, token: token, gamePassPrice: price, factory: record?.address(of: "SimpleAccountFactory"))
        do {
            return try base.applying(file: file)
        } catch {
            throw CommandFailure("\(policy ?? "policy"): \(error)")
        }
    }

    /// Reads the EntryPoint's UserOperationEvents of the paymaster every --settle-interval seconds, settling the
    /// reservations they name at their actual cost, and releases expired reservations; until cancelled. A failing
    /// read is said on stderr and tried again.
    func settle(store: SponsorStore, client: RPCClient, chainID: UInt64, contracts: AccountAbstractionDeployment) async throws {
        let paymaster = contracts.paymaster.address
        var topic = [UInt8](repeating: 0, count: 12)
        paymaster.withUnsafeBytes { topic.append(contentsOf: $0) }
        let paymasterTopic = try Bytes32(topic)
        var next = try await store.settlementCursor(chainID: chainID, paymaster: paymaster)
        if next == 0 { next = try await client.blockNumber() }
        while !Task.isCancelled {
            do {
                let head = try await client.blockNumber()
                if next <= head {
                    let last = min(head, next + 4_999)
                    let logs = try await client.logs(LogFilter(
                        fromBlock: .number(next), toBlock: .number(last), addresses: [contracts.entryPoint.address],
                        topics: [[EntryPoint.UserOperationEvent.topic0], nil, nil, [paymasterTopic]]))
                    let events = try logs.filter { !$0.removed }.map { try EntryPoint.UserOperationEvent(log: $0.log) }
                    try await store.settle(
                        events.map { ($0.userOpHash, $0.actualGasCost) }, chainID: chainID, paymaster: paymaster,
                        nextBlock: last + 1)
                    next = last + 1
                }
                try await store.expire(now: try await Self.chainTime(client))
            } catch {
                FileHandle.standardError.write(Data("podium: settling: \(error)\n".utf8))
            }
            try await Task.sleep(for: .seconds(settleInterval))
        }
    }
}

/// Sender, node and paymaster options of the deposit commands.
struct PaymasterTransactionOptions: ParsableArguments {
    @OptionGroup var sender: SenderOptions
    @OptionGroup var rpc: RPCOptions
    @OptionGroup var location: PaymasterLocation

    /// The signing sender and the contracts.
    func open() async throws -> (TransactionSender, AccountAbstractionDeployment) {
        let transactionSender = try await TransactionSender(client: rpc.client(), signer: sender.load())
        let record = try location.record(chainID: transactionSender.chainID)
        return (transactionSender, try location.contracts(client: transactionSender.client, record: record))
    }
}

/// `podium paymaster deposit AMOUNT`: adds to the paymaster's deposit at the EntryPoint.
struct PaymasterDeposit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deposit",
        abstract: "Add AMOUNT wei (1ether, 0.5ether and 30gwei work too) to the paymaster's deposit at the EntryPoint.")
    @OptionGroup var options: PaymasterTransactionOptions
    @Argument(help: ArgumentHelp("The amount: wei, or with a unit (1ether, 0.5ether, 30gwei).", valueName: "AMOUNT")) var amount: String

    func run() async throws {
        let value = try AmountArgument.parse("amount", amount)
        let (sender, contracts) = try await options.open()
        let receipt = try await contracts.paymaster.deposit(amount: value).sendAndWait(from: sender)
        print("deposited \(value) wei in \(receipt.transactionHash); deposit now \(try await contracts.paymaster.deposit()) wei")
    }
}

/// `podium paymaster balance`: the paymaster's deposit at the EntryPoint.
struct PaymasterBalance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance", abstract: "Print the paymaster's deposit at the EntryPoint, in wei (--ether: in ether).")
    @OptionGroup var rpc: RPCOptions
    @OptionGroup var location: PaymasterLocation
    @Flag(help: "Print in ether.") var ether = false

    func run() async throws {
        let client = try rpc.client()
        let contracts = try location.contracts(client: client, record: try location.record(chainID: try await client.chainID()))
        let deposit = try await contracts.entryPoint.balance(of: contracts.paymaster.address)
        print(ether ? Units.format(deposit, decimals: 18) : "\(deposit)")
    }
}

/// `podium paymaster withdraw AMOUNT --to ADDRESS`: the paymaster's owner takes wei out of its deposit.
struct PaymasterWithdraw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw", abstract: "Withdraw AMOUNT wei of the paymaster's deposit to ADDRESS (the paymaster's owner only).")
    @OptionGroup var options: PaymasterTransactionOptions
    @Argument(help: ArgumentHelp("The amount: wei, or with a unit (1ether, 0.5ether, 30gwei).", valueName: "AMOUNT")) var amount: String
    @Option(help: ArgumentHelp("Where the wei goes.", valueName: "ADDRESS")) var to: String

    func run() async throws {
        let value = try AmountArgument.parse("amount", amount)
        let recipient = try ChainArgument.address(to, what: "--to")
        let (sender, contracts) = try await options.open()
        let receipt = try await contracts.paymaster.withdraw(to: recipient, amount: value).sendAndWait(from: sender)
        print("withdrew \(value) wei to \(recipient) in \(receipt.transactionHash); deposit now \(try await contracts.paymaster.deposit()) wei")
    }
}
