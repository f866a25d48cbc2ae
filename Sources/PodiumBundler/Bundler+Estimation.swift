import PodiumAccountAbstraction
import PodiumPrimitives
import PodiumRPC
import PodiumUserOperations

// eth_estimateUserOperationGas without state overrides (the devnet has none): every limit the operation sets (non-zero)
// is kept; the others are found as follows.
//
// - preVerificationGas: `PreVerificationGasOverheads`.
// - verificationGasLimit, then paymasterVerificationGasLimit: a binary search over `eth_call` of handleOps([op]).
//   A limit too low makes the EntryPoint revert with AA13, AA23 or AA26 (the account's) or AA33 or AA36 (the
//   paymaster's); a high enough one gets past validation: success, or a signature or time-range failure (AA24,
//   AA34, AA22, AA32), which comes after the gas is measured, so a stub signature does. The search runs with the
//   operation's fees when its payer can cover the prefund at the highest limit tried, else with zero fees (no
//   prefund), adding `prefundTransferAllowance` when the account pays its own prefund (the transfer a zero fee
//   skips).
// - callGasLimit: for a deployed account, `eth_estimateGas` of {from: entryPoint, to: sender, data: callData} plus
//   `callGasMarginPercent`. An undeployed account cannot be called before it exists, so each inner call of
//   `SimpleAccount.calls(in:)` is estimated with `eth_estimateGas` from the sender's address (less the 21,000 a
//   transaction pays and an inner call does not); a call that fails there (it depends on an earlier call of the
//   same operation, as a purchase after its approve) counts as `defaultInnerCallGas`; the sum, plus
//   `accountExecutionOverhead`, gets the margin. This is a limitation: a call needing more than the default gas
//   after an earlier one is underestimated.
// - paymasterPostOpGasLimit: Podium's verifying paymaster returns no context, so postOp never runs: 0 unless given.

extension Bundler {
    /// The gas limits of `operation` (ERC-7769, `eth_estimateUserOperationGas`), its own non-zero ones kept.
    public func estimateUserOperationGas(
        _ operation: UserOperation, entryPoint: Address
    ) async throws(BundlerError) -> UserOperationGasEstimate {
        var probe = operation
        if probe.signature.isEmpty { probe.signature = SimpleAccount.stubSignature }
        if probe.preVerificationGas == .zero {
            do throws(UserOperationError) {
                probe.preVerificationGas = try configuration.overheads.preVerificationGas(for: probe)
            } catch {
                throw Rejection.invalidFields(error.description)
            }
        }
        _ = try check(probe, entryPoint: entryPoint)
        let maximum = UInt256(configuration.maximumVerificationGas)
        // The call's limit first: it is part of the prefund, which decides whether validation pays it.
        let callGasLimit = operation.callGasLimit != .zero ? operation.callGasLimit : try await estimateCallGas(operation)
        probe.callGasLimit = callGasLimit

        // Which fees to simulate with.
        var zeroFees = probe.maxFeePerGas == .zero
        if !zeroFees {
            var highest = probe
            if highest.verificationGasLimit == .zero { highest.verificationGasLimit = maximum }
            if var paymaster = highest.paymaster, paymaster.verificationGasLimit == .zero {
                paymaster.verificationGasLimit = maximum
                highest.paymaster = paymaster
            }
            if case .failed(let error) = try await simulate([try packed(highest)]),
                error.code == .didNotPayPrefund || error.code == .paymasterDepositTooLow
            {
                zeroFees = true
            }
        }
        if zeroFees { (probe.maxFeePerGas, probe.maxPriorityFeePerGas) = (.zero, .zero) }

        // verificationGasLimit.
        let accountTooLow: Set<EntryPointErrorCode> = [.initCodeFailed, .accountReverted, .overVerificationGasLimit]
        if operation.verificationGasLimit == .zero {
            var search = probe
            if var paymaster = search.paymaster, operation.paymaster?.verificationGasLimit == .zero {
                paymaster.verificationGasLimit = maximum
                search.paymaster = paymaster
            }
            var found = try await smallestLimit(tooLow: accountTooLow, operation: search) { operation, gas in
                operation.verificationGasLimit = gas
            }
            var final = withMargin(found, configuration.verificationMarginPercent)
            if operation.paymaster == nil {
                // The account pays missingAccountFunds in validateUserOp when its deposit is below the prefund. If the
                // search did not make it pay (zero fees, or a deposit covering the smaller prefund) but the final
                // limits will, allow for the transfer.
                var searched = probe
                searched.verificationGasLimit = found
                var finished = probe
                finished.verificationGasLimit = final
                finished.maxFeePerGas = operation.maxFeePerGas
                let deposit: UInt256
                do {
                    deposit = try await EntryPointContract(address: configuration.entryPoint, client: client)
                        .balance(of: operation.sender)
                } catch {
                    throw Rejection.internalError(error)
                }
                let searchPaid = !zeroFees && deposit < Mempool.prefund(of: searched)
                if !searchPaid && deposit < Mempool.prefund(of: finished) {
                    final = final + UInt256(configuration.prefundTransferAllowance)
                }
            }
            probe.verificationGasLimit = final
        }

        // paymasterVerificationGasLimit.
        var paymasterVerification = operation.paymaster?.verificationGasLimit ?? .zero
        if let paymaster = operation.paymaster, paymaster.verificationGasLimit == .zero {
            let found = try await smallestLimit(tooLow: [.paymasterReverted, .overPaymasterVerificationGasLimit], operation: probe) {
                operation, gas in operation.paymaster?.verificationGasLimit = gas
            }
            paymasterVerification = withMargin(found, configuration.verificationMarginPercent)
        }

        return UserOperationGasEstimate(
            preVerificationGas: probe.preVerificationGas, verificationGasLimit: probe.verificationGasLimit,
            callGasLimit: callGasLimit, paymasterVerificationGasLimit: paymasterVerification,
            paymasterPostOpGasLimit: operation.paymaster.map(\.postOpGasLimit))
    }

    /// The packed form of `operation`, a failure as -32602.
    private nonisolated func packed(_ operation: UserOperation) throws(BundlerError) -> PackedUserOperation {
        do throws(UserOperationError) { return try operation.packed() } catch { throw Rejection.invalidFields(error.description) }
    }

    /// `gas` plus `percent` of it.
    private nonisolated func withMargin(_ gas: UInt256, _ percent: UInt64) -> UInt256 {
        gas + gas * UInt256(percent) / 100
    }

    /// The smallest limit (within 1% or 1,000 gas) that `set` can give `operation` without the EntryPoint failing
    /// with a code of `tooLow`. A failure at the highest limit is the operation's error; so is a failure with
    /// another code that does not come after validation's gas is measured.
    private func smallestLimit(
        tooLow: Set<EntryPointErrorCode>, operation: UserOperation,
        _ set: @Sendable (inout UserOperation, UInt256) -> Void
    ) async throws(BundlerError) -> UInt256 {
        let afterValidation: Set<EntryPointErrorCode> = [
            .signatureError, .paymasterSignatureError, .expiredOrNotDue, .paymasterExpiredOrNotDue,
        ]
        func enough(_ gas: UInt256) async throws(BundlerError) -> Bool {
            var candidate = operation
            set(&candidate, gas)
            switch try await simulate([try packed(candidate)]) {
            case .succeeded: return true
            case .failed(let error):
                if let code = error.code, afterValidation.contains(code) { return true }
                if let code = error.code, tooLow.contains(code) { return false }
                throw Rejection.simulation(error, operation: candidate)
            }
        }
        var high = UInt256(configuration.maximumVerificationGas)
        var highOperation = operation
        set(&highOperation, high)
        if case .failed(let error) = try await simulate([try packed(highOperation)]) {
            if let code = error.code, !afterValidation.contains(code) {
                throw Rejection.simulation(error, operation: highOperation)
            }
        }
        var low = UInt256.zero
        while high - low > max(UInt256(1_000), high / 100) {
            let middle = (low + high) / 2
            if try await enough(middle) { high = middle } else { low = middle }
        }
        return high
    }

    /// callGasLimit, by `eth_estimateGas` of the call the EntryPoint makes, or of each inner call for an account not
    /// yet deployed.
    private func estimateCallGas(_ operation: UserOperation) async throws(BundlerError) -> UInt256 {
        guard !operation.callData.isEmpty else { return .zero }
        let deployed: Bool
        do { deployed = try await !client.code(at: operation.sender).isEmpty } catch { throw Rejection.internalError(error) }
        if deployed {
            let request = CallRequest(from: configuration.entryPoint, to: operation.sender, input: operation.callData)
            do {
                let estimate = try await client.estimateGas(request)
                return withMargin(UInt256(estimate), configuration.callGasMarginPercent)
            } catch RPCError.node(let error) {
                throw BundlerError(
                    code: BundlerErrorCode.executionReverted.rawValue,
                    message: "the account's call reverts: \(error.revertReason().map { "\($0)" } ?? error.message)",
                    data: error.revertData.map { .object(["revertData": .data($0)]) })
            } catch {
                throw Rejection.internalError(error)
            }
        }
        let calls: [AccountCall]
        do throws(UserOperationError) { calls = try SimpleAccount.calls(in: operation.callData) } catch {
            return withMargin(
                UInt256(configuration.accountExecutionOverhead + configuration.defaultInnerCallGas),
                configuration.callGasMarginPercent)
        }
        var total = UInt256(configuration.accountExecutionOverhead)
        for call in calls {
            let request = CallRequest(
                from: operation.sender, to: call.to, input: call.input, value: call.value == .zero ? nil : call.value)
            if let estimate = try? await client.estimateGas(request) {
                total = total + UInt256(estimate > 21_000 ? estimate - 21_000 : 0)
            } else {
                total = total + UInt256(configuration.defaultInnerCallGas)
            }
        }
        return withMargin(total, configuration.callGasMarginPercent)
    }
}
