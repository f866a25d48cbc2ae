import Foundation
import PodiumPrimitives

/// The settings of a deployment of Podium's contracts. Read from a JSON file such as
/// `{"gameWallet": "0x…", "treasury": "0x…", "gamePassPrice": "20", "entryPoint": "0x…", "paymasterSigner": "0x…"}`;
/// any member may be left out.
public struct DeploymentConfig: Equatable, Sendable {
    /// The only account that may pay prizes through the distributor (default: the deployer).
    public var gameWallet: Address?
    /// Where 70% of each Game Pass price goes (default: the deployer).
    public var treasury: Address?
    /// The price of a Game Pass in GLICO base units (default: 20 GLICO). In the file, a decimal GLICO amount.
    public var gamePassPrice: UInt256
    /// An EntryPoint v0.7 already on the chain (the canonical 0x0000000071727De22E5E9d8BAf0edAc6f37da032, say) for
    /// the account factory and the paymaster to use; nil deploys Podium's own.
    public var entryPoint: Address?
    /// The key whose signature the verifying paymaster accepts (default: the deployer); the owner can change it.
    public var paymasterSigner: Address?

    /// $GLICO's decimals.
    public static let glicoDecimals = 18
    /// 20 GLICO, DESIGN.md's price.
    public static let defaultGamePassPrice = UInt256(20) * UInt256(1_000_000_000_000_000_000)

    /// The settings given; the deployer stands in for a missing game wallet, treasury or paymaster signer, and
    /// Podium's own EntryPoint for a missing one.
    public init(
        gameWallet: Address? = nil, treasury: Address? = nil, gamePassPrice: UInt256 = defaultGamePassPrice,
        entryPoint: Address? = nil, paymasterSigner: Address? = nil
    ) {
        self.gameWallet = gameWallet
        self.treasury = treasury
        self.gamePassPrice = gamePassPrice
        self.entryPoint = entryPoint
        self.paymasterSigner = paymasterSigner
    }

    /// The members a config file may have.
    public static let members = ["gameWallet", "treasury", "gamePassPrice", "entryPoint", "paymasterSigner"]

    /// Reads the JSON file at `url`: an object with any of `members`, addresses as `0x` hex (mixed case must be the
    /// EIP-55 checksum), the price as a decimal GLICO amount, a string (`"2.5"`) or a JSON integer (`20`). An unknown
    /// member is refused by name, so a misspelt one cannot fall back on the default silently.
    public static func load(from url: URL) throws(DeploymentError) -> DeploymentConfig {
        let path = url.path
        let document: JSONValue
        do {
            document = try JSONValue(json: Array(try Data(contentsOf: url)))
        } catch {
            throw .configUnreadable(path: path, underlying: error)
        }
        guard case .object(let object) = document else {
            throw .configValue(path: path, member: "the file", reason: "must be a JSON object such as {\"treasury\": \"0x…\"}")
        }
        if let unknown = object.keys.filter({ !members.contains($0) }).sorted().first {
            throw .configValue(path: path, member: unknown, reason: "unknown member; a config has \(members.joined(separator: ", "))")
        }
        func address(_ member: String) throws(DeploymentError) -> Address? {
            guard let value = object[member], value != .null else { return nil }
            guard case .string(let text) = value else {
                throw .configValue(path: path, member: member, reason: "must be an address string, \"0x…\"")
            }
            do { return try Address(hex: text) } catch {
                throw .configValue(path: path, member: member, reason: "\(text.debugDescription): \(error)")
            }
        }
        var config = DeploymentConfig(
            gameWallet: try address("gameWallet"), treasury: try address("treasury"), entryPoint: try address("entryPoint"),
            paymasterSigner: try address("paymasterSigner"))
        if let price = object["gamePassPrice"], price != .null {
            config.gamePassPrice = try Self.price(price, path: path)
        }
        return config
    }

    /// A price member: a decimal GLICO amount as a string, or a JSON integer; above zero.
    private static func price(_ value: JSONValue, path: String) throws(DeploymentError) -> UInt256 {
        let text: String
        switch value {
        case .string(let string): text = string
        case .number(let token):
            guard token.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw .configValue(
                    path: path, member: "gamePassPrice",
                    reason: "\(token) is not a whole number of GLICO; write a fraction as a string (\"2.5\") so that it stays exact")
            }
            text = token
        default:
            throw .configValue(path: path, member: "gamePassPrice", reason: "must be a GLICO amount, \"20\" or 20")
        }
        let amount: UInt256
        do {
            amount = try Units.parse(text, decimals: glicoDecimals)
        } catch {
            throw .configValue(path: path, member: "gamePassPrice", reason: "\(text.debugDescription): \(error)")
        }
        guard amount > .zero else { throw .configValue(path: path, member: "gamePassPrice", reason: "must be above zero") }
        return amount
    }
}
