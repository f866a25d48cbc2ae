import Foundation
import PodiumABI
import PodiumPrimitives
import PodiumProvider
import PodiumRLP
import PodiumRPC

/// Deploys a set of contracts in order, idempotently: a contract whose record matches what is on chain and whose
/// creation code (with constructor arguments) is unchanged is kept; anything missing or changed is deployed. The
/// record is saved after every transaction, so an interrupted run resumes where it stopped.
public struct Deployer: Sendable {
    /// What a run does, or would do, with one contract.
    public struct Decision: Equatable, Sendable {
        /// Keep the recorded contract, deploy it, or wait for a creation an earlier run sent.
        public enum Action: Equatable, Sendable { case keep, deploy, awaitPending }
        /// The contract.
        public let name: String
        /// What is done with it.
        public let action: Action
        /// Why, in a few words ("not deployed", "constructor arguments or code changed", …).
        public let reason: String
        /// The contract's address: recorded, or predicted for a deployment.
        public let address: Address?
        /// The constructor arguments, as text.
        public let arguments: [String]
    }

    /// The account that deploys, and the node.
    public let sender: TransactionSender
    /// The contracts, in order.
    public let steps: [DeploymentStep]
    /// `deployments/<chainId>.json` or wherever the record lives.
    public let recordURL: URL

    /// A deployer of `steps` from `sender`'s account, keeping its record at `recordURL`.
    public init(sender: TransactionSender, steps: [DeploymentStep], recordURL: URL) {
        self.sender = sender
        self.steps = steps
        self.recordURL = recordURL
    }

    /// What `run` would do now, without sending anything; addresses of new contracts are predicted from the
    /// deployer's nonce.
    public func plan() async throws -> [Decision] {
        let record = try loadRecord()
        var nonce = try await node("the deployer's nonce") {
            try await sender.client.transactionCount(of: sender.address, at: .pending)
        }
        var addresses: [String: Address] = [:]
        var decisions: [Decision] = []
        for step in steps {
            let prepared = try prepare(step, addresses)
            var decision = try await decide(prepared, record.contracts[step.name])
            if decision.action == .deploy {
                decision = Decision(name: step.name, action: .deploy, reason: decision.reason,
                                    address: Address.contractAddress(deployer: sender.address, nonce: nonce),
                                    arguments: prepared.argumentTexts)
                // EIP-2681: an account whose nonce is 2^64 - 1 can send nothing more.
                guard nonce < UInt64.max - 1 else { throw DeploymentError.nonceExhausted(sender.address) }
                nonce += 1
            }
            addresses[step.name] = decision.address
            decisions.append(decision)
        }
        return decisions
    }

    /// Brings the chain in line with the steps, reporting each decision as it is carried out, and returns the
    /// final record.
    public func run(report: @Sendable (Decision) -> Void = { _ in }) async throws -> DeploymentRecord {
        var record = try loadRecord()
        var addresses: [String: Address] = [:]
        for step in steps {
            let prepared = try prepare(step, addresses)
            if let entry = record.contracts[step.name], entry.blockNumber == nil {
                record.contracts[step.name] = try await node(step.name) { try await settle(entry) }
                try record.save(to: recordURL)
            }
            let decision = try await decide(prepared, record.contracts[step.name])
            if decision.action == .keep {
                addresses[step.name] = decision.address
                report(decision)
                continue
            }
            let deployed = try await deploy(prepared, record: &record)
            addresses[step.name] = deployed.address
            report(Decision(name: step.name, action: .deploy, reason: decision.reason, address: deployed.address,
                            arguments: prepared.argumentTexts))
        }
        return record
    }

    // MARK: Steps

    /// A step with its artifact and arguments resolved.
    private struct Prepared {
        let name: String
        let artifact: ContractArtifact
        let code: [UInt8]
        let codeHash: Bytes32
        let argumentTexts: [String]
    }

    private func prepare(_ step: DeploymentStep, _ addresses: [String: Address]) throws(DeploymentError) -> Prepared {
        let arguments = try step.arguments(DeployedAddresses(step: step.name, addresses: addresses))
        do {
            let artifact = try ContractArtifacts.artifact(named: step.name)
            let code = try artifact.deploymentCode(arguments: arguments)
            return Prepared(name: step.name, artifact: artifact, code: code, codeHash: Keccak256.hash(code),
                            argumentTexts: arguments.map(\.description))
        } catch {
            throw .artifact(error)
        }
    }

    /// Runs `body`'s node requests, reporting a failure as `DeploymentError.rpc` about `contract`; cancellation
    /// passes through.
    private func node<Value>(_ contract: String, _ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as DeploymentError {
            throw error
        } catch {
            throw DeploymentError.rpc(contract: contract, underlying: error)
        }
    }

    private func decide(_ step: Prepared, _ entry: DeployedContract?) async throws -> Decision {
        try await node(step.name) { try await decideOnChain(step, entry) }
    }

    private func decideOnChain(_ step: Prepared, _ entry: DeployedContract?) async throws -> Decision {
        func decision(_ action: Decision.Action, _ reason: String, _ address: Address? = nil) -> Decision {
            Decision(name: step.name, action: action, reason: reason, address: address, arguments: step.argumentTexts)
        }
        guard let entry else { return decision(.deploy, "new") }
        if entry.blockNumber == nil {
            guard let pending = try await sender.client.transaction(entry.transactionHash) else {
                return decision(.deploy, "its earlier transaction is unknown to the node")
            }
            let address = Address.contractAddress(deployer: pending.from, nonce: pending.nonce)
            let state = pending.blockNumber == nil ? "is pending" : "is mined but not yet recorded"
            return decision(.awaitPending, "its earlier transaction \(state)", address)
        }
        guard entry.creationCodeHash == step.codeHash else {
            return decision(.deploy, "code or constructor arguments changed")
        }
        guard let address = entry.address else { return decision(.deploy, "no address recorded") }
        let code = try await sender.client.code(at: address)
        guard !step.artifact.runtimeCode.isEmpty, code.starts(with: step.artifact.runtimeCode) else {
            return decision(.deploy, code.isEmpty ? "no code at the recorded address" : "different code on chain")
        }
        return decision(.keep, "unchanged", address)
    }

    /// The entry of a creation sent by an earlier run, completed from its receipt once mined; nil when the node
    /// does not know the transaction or it failed, so the contract is deployed again.
    private func settle(_ entry: DeployedContract) async throws -> DeployedContract? {
        guard try await sender.client.transaction(entry.transactionHash) != nil else { return nil }
        let receipt = try await sender.waitForReceipt(entry.transactionHash)
        guard receipt.succeeded, let address = receipt.contractAddress else { return nil }
        var settled = entry
        (settled.address, settled.blockNumber) = (address, receipt.blockNumber)
        return settled
    }

    /// Sends the creation of `step` and records it before waiting, so that whatever happens next (a crash, a
    /// lost answer, a timeout) a re-run finds the transaction by its hash rather than sending a second one.
    private func deploy(_ step: Prepared, record: inout DeploymentRecord) async throws -> DeployedContract {
        let sent: SentTransaction
        do {
            sent = try await sender.send(to: nil, input: step.code)
        } catch let error as SendError {
            throw DeploymentError.send(contract: step.name, error)
        }
        if case .rejected(let error) = sent.outcome {
            throw DeploymentError.send(contract: step.name, .rejected(sent.hash, error))
        }
        var entry = DeployedContract(
            address: nil, transactionHash: sent.hash, blockNumber: nil, creationCodeHash: step.codeHash,
            constructorArguments: step.argumentTexts, sourceHash: step.artifact.sourceHash)
        record.contracts[step.name] = entry
        try record.save(to: recordURL)  // a crash from here on resumes by looking this transaction up
        if case .unknown = sent.outcome {
            throw DeploymentError.outcomeUnknown(contract: step.name, sent.hash)
        }
        let receipt = try await node(step.name) { try await sender.waitForReceipt(sent.hash) }
        guard receipt.succeeded, let address = receipt.contractAddress else {
            throw DeploymentError.reverted(contract: step.name, sent.hash)
        }
        (entry.address, entry.blockNumber) = (address, receipt.blockNumber)
        record.contracts[step.name] = entry
        try record.save(to: recordURL)
        return entry
    }

    private func loadRecord() throws(DeploymentError) -> DeploymentRecord {
        try DeploymentRecord.checkWritable(at: recordURL)
        let record = try DeploymentRecord.load(from: recordURL) ?? DeploymentRecord(chainID: sender.chainID)
        guard record.chainID == sender.chainID else {
            throw .recordForAnotherChain(path: recordURL.path, recordChain: record.chainID, nodeChain: sender.chainID)
        }
        return record
    }
}
