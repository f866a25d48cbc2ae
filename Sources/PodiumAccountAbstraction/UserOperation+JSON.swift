import PodiumPrimitives

// ERC-7769's JSON object for a v0.7 user operation, as eth_sendUserOperation and eth_estimateUserOperationGas take
// it and viem and permissionless send it: quantities as 0x and hex digits without leading zeros, byte strings as 0x
// and hex digits ("0x" when empty), addresses as 0x and 40 hex digits, the factory and paymaster groups all or none.

extension UserOperation {
    /// Reads ERC-7769's JSON object, strictly: every member known, every quantity canonical (execution-apis' `uint`),
    /// every gas value within `maximumGasValue`, each group complete; an optional member may be absent or null.
    public init(json: JSONValue) throws(UserOperationError) {
        guard case .object(let members) = json else { throw .notAnObject }
        var fields: [UserOperationField: String] = [:]
        for (name, value) in members {
            guard let field = UserOperationField(rawValue: name), UserOperationField.jsonMembers.contains(field) else {
                throw .unknownMember(name)
            }
            switch value {
            case .null: continue
            case .string(let text): fields[field] = text
            default: throw .notAString(field)
            }
        }
        let reader = JSONFields(fields: fields)
        self.init(
            sender: try reader.address(.sender), nonce: try reader.quantity(.nonce),
            callData: try reader.bytes(.callData), callGasLimit: try reader.gasValue(.callGasLimit),
            verificationGasLimit: try reader.gasValue(.verificationGasLimit),
            preVerificationGas: try reader.gasValue(.preVerificationGas),
            maxFeePerGas: try reader.gasValue(.maxFeePerGas),
            maxPriorityFeePerGas: try reader.gasValue(.maxPriorityFeePerGas), signature: try reader.bytes(.signature))
        if try reader.group([.factory, .factoryData]) {
            factory = Factory(address: try reader.address(.factory), data: try reader.bytes(.factoryData))
        }
        if try reader.group([.paymaster, .paymasterVerificationGasLimit, .paymasterPostOpGasLimit, .paymasterData]) {
            paymaster = Paymaster(
                address: try reader.address(.paymaster),
                verificationGasLimit: try reader.gasValue(.paymasterVerificationGasLimit),
                postOpGasLimit: try reader.gasValue(.paymasterPostOpGasLimit), data: try reader.bytes(.paymasterData))
        }
    }

    /// ERC-7769's JSON object: the members of absent groups left out, addresses in EIP-55 case.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "sender": .string(sender.description), "nonce": .string(nonce.hexString),
            "callData": .string(Hex.encode(callData)), "callGasLimit": .string(callGasLimit.hexString),
            "verificationGasLimit": .string(verificationGasLimit.hexString),
            "preVerificationGas": .string(preVerificationGas.hexString),
            "maxFeePerGas": .string(maxFeePerGas.hexString),
            "maxPriorityFeePerGas": .string(maxPriorityFeePerGas.hexString),
            "signature": .string(Hex.encode(signature)),
        ]
        if let factory {
            members["factory"] = .string(factory.address.description)
            members["factoryData"] = .string(Hex.encode(factory.data))
        }
        if let paymaster {
            members["paymaster"] = .string(paymaster.address.description)
            members["paymasterVerificationGasLimit"] = .string(paymaster.verificationGasLimit.hexString)
            members["paymasterPostOpGasLimit"] = .string(paymaster.postOpGasLimit.hexString)
            members["paymasterData"] = .string(Hex.encode(paymaster.data))
        }
        return .object(members)
    }
}

/// The string members of a user operation's JSON object, read as the field each one is.
private struct JSONFields {
    let fields: [UserOperationField: String]

    /// The text of a required member.
    func text(_ field: UserOperationField) throws(UserOperationError) -> String {
        guard let text = fields[field] else { throw .missingMember(field) }
        return text
    }

    /// The text of a required member that must start with `0x` (an address or bytes; quantities say it themselves).
    func prefixed(_ field: UserOperationField) throws(UserOperationError) -> String {
        let text = try text(field)
        guard Hex.hasPrefix(text) else { throw .missingPrefix(field) }
        return text
    }

    /// An address member: `0x` and 40 hex digits, in one case or in EIP-55's.
    func address(_ field: UserOperationField) throws(UserOperationError) -> Address {
        let text = try prefixed(field)
        do throws(AddressError) {
            return try Address(hex: text)
        } catch {
            throw .invalidAddress(field, error)
        }
    }

    /// A quantity member, canonical as execution-apis' `uint`.
    func quantity(_ field: UserOperationField) throws(UserOperationError) -> UInt256 {
        let text = try text(field)
        do throws(QuantityError) {
            return try Quantity.uint256(text)
        } catch {
            throw .invalidQuantity(field, error)
        }
    }

    /// A quantity within EntryPoint v0.7's 120 bits.
    func gasValue(_ field: UserOperationField) throws(UserOperationError) -> UInt256 {
        try UserOperation.checkedGasValue(quantity(field), field)
    }

    /// A byte-string member: `0x` and an even number of hex digits.
    func bytes(_ field: UserOperationField) throws(UserOperationError) -> [UInt8] {
        let text = try prefixed(field)
        do throws(HexError) {
            return try Hex.decode(text)
        } catch {
            throw .invalidBytes(field, error)
        }
    }

    /// True when every member of `group` is present, false when none is; else `incompleteGroup` naming the first
    /// present member and the first missing one.
    func group(_ group: [UserOperationField]) throws(UserOperationError) -> Bool {
        let present = group.filter { fields[$0] != nil }
        guard present.isEmpty || present.count == group.count else {
            throw .incompleteGroup(present: present[0], missing: group.first { fields[$0] == nil }!)
        }
        return !present.isEmpty
    }
}
