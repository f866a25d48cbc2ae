/// The bounds Podium's EntryPoint (Vyper) puts on what `handleOps` takes, as fixed-size arrays must: a bundler
/// checks them before sending, since the EntryPoint rejects the whole bundle otherwise.
public struct UserOperationLimits: Hashable, Sendable {
    /// The most operations in one `handleOps` call.
    public var operationsPerBundle: Int
    /// The longest initCode (factory ‖ factoryData), in bytes.
    public var initCode: Int
    /// The longest callData, in bytes.
    public var callData: Int
    /// The longest paymasterAndData (paymaster ‖ its gas limits ‖ paymasterData), in bytes.
    public var paymasterAndData: Int
    /// The longest signature, in bytes.
    public var signature: Int

    /// Limits with these bounds.
    public init(operationsPerBundle: Int, initCode: Int, callData: Int, paymasterAndData: Int, signature: Int) {
        (self.operationsPerBundle, self.initCode, self.callData) = (operationsPerBundle, initCode, callData)
        (self.paymasterAndData, self.signature) = (paymasterAndData, signature)
    }

    /// Podium's EntryPoint: 8 operations, initCode 512 bytes, callData 4,096, paymasterAndData 512, signature 512.
    public static let podium = UserOperationLimits(
        operationsPerBundle: 8, initCode: 512, callData: 4096, paymasterAndData: 512, signature: 512)

    /// Throws `tooLong` naming the first field of `operation` above its bound.
    public func check(_ operation: PackedUserOperation) throws(UserOperationError) {
        let fields: [(UserOperationField, Int, Int)] = [
            (.initCode, operation.initCode.count, initCode), (.callData, operation.callData.count, callData),
            (.paymasterAndData, operation.paymasterAndData.count, paymasterAndData),
            (.signature, operation.signature.count, signature),
        ]
        for (field, length, limit) in fields where length > limit {
            throw .tooLong(field, length: length, limit: limit)
        }
    }

    /// Throws `tooManyOperations` for a bundle above `operationsPerBundle`, else `tooLong` for its first operation
    /// with a field above its bound.
    public func check(bundle operations: [PackedUserOperation]) throws(UserOperationError) {
        guard operations.count <= operationsPerBundle else {
            throw .tooManyOperations(count: operations.count, limit: operationsPerBundle)
        }
        for operation in operations { try check(operation) }
    }
}
