/// Who is at fault when an EntryPoint v0.7 failure code stops a user operation (ERC-4337, "Entrypoint definition"
/// and the AAxx reasons of the v0.7 EntryPoint).
public enum UserOperationParty: String, CaseIterable, Hashable, Sendable {
    /// The account, or the wallet that built and signed the operation for it.
    case account
    /// The factory the operation's initCode calls.
    case factory
    /// The paymaster the operation's paymasterAndData names.
    case paymaster
    /// The bundler that submitted `handleOps`, or the EntryPoint call it made.
    case bundler
}

extension UserOperationParty: CustomStringConvertible {
    /// `account`, `factory`, `paymaster` or `bundler`.
    public var description: String { rawValue }
}
