import PodiumABI
import PodiumPrimitives

/// Podium's account factory (Vyper): `createAccount(address owner, uint256 salt)` deploys an EIP-1167 minimal proxy
/// to the account implementation with `create_minimal_proxy_to(implementation, salt=keccak256(abi_encode(owner,
/// salt)))`, so every account's address is known before it exists (EIP-1014).
public struct AccountFactory: Hashable, Sendable {
    /// The factory contract.
    public var address: Address
    /// The account implementation its proxies delegate to.
    public var implementation: Address

    /// The factory at `address`, deploying proxies to `implementation`.
    public init(address: Address, implementation: Address) {
        (self.address, self.implementation) = (address, implementation)
    }

    /// The selector of `createAccount(address,uint256)`, 0x5fbfb9cf.
    public static let createAccountSelector = Selector(signature: "createAccount(address,uint256)")

    /// The factory group of an operation that deploys `owner`'s account number `salt`: this factory and the
    /// calldata of `createAccount(owner, salt)` (the operation's initCode is the two joined).
    public func deployment(owner: Address, salt: UInt256) -> UserOperation.Factory {
        UserOperation.Factory(address: address, data: Self.createAccountSelector.bytes + ABI.encode(owner, salt))
    }

    /// The address of `owner`'s account number `salt`, deployed or not: CREATE2(factory, keccak256(abi.encode(owner,
    /// salt)), keccak256(proxyInitCode(implementation))).
    public func accountAddress(owner: Address, salt: UInt256) -> Address {
        Address.create2(
            deployer: address, salt: Keccak256.hash(ABI.encode(owner, salt)),
            initCode: Self.proxyInitCode(implementation: implementation))
    }

    /// The creation code Vyper 0.4.3's `create_minimal_proxy_to(implementation)` deploys (vyper/builtins/
    /// functions.py, `eip1167_bytecode`), 54 bytes: Vyper's 9-byte loader 602d3d8160093d39f3 (PUSH1 0x2d
    /// RETURNDATASIZE DUP2 PUSH1 0x09 RETURNDATASIZE CODECOPY RETURN, unlike OpenZeppelin's Clones) and the 45-byte
    /// EIP-1167 runtime 363d3d373d3d3d363d73 ‖ implementation ‖ 5af43d82803e903d91602b57fd5bf3. Checked against
    /// the compiler on an in-process chain by Tests/vyper/minimal_proxy.py.
    public static func proxyInitCode(implementation: Address) -> [UInt8] {
        var code = proxyPrefix
        code.reserveCapacity(54)
        implementation.withUnsafeBytes { code.append(contentsOf: $0) }
        return code + proxySuffix
    }

    /// The loader and the runtime up to PUSH20.
    private static let proxyPrefix: [UInt8] = [
        0x60, 0x2d, 0x3d, 0x81, 0x60, 0x09, 0x3d, 0x39, 0xf3,
        0x36, 0x3d, 0x3d, 0x37, 0x3d, 0x3d, 0x3d, 0x36, 0x3d, 0x73,
    ]
    /// The runtime after the implementation's address.
    private static let proxySuffix: [UInt8] = [
        0x5a, 0xf4, 0x3d, 0x82, 0x80, 0x3e, 0x90, 0x3d, 0x91, 0x60, 0x2b, 0x57, 0xfd, 0x5b, 0xf3,
    ]
}
