import Foundation
import PodiumPrimitives

/// The settings of a deployment of Podium's contracts. Read from a JSON file such as
/// `{"gameWallet": "0x…", "treasury": "0x…", "gamePassPrice": "20"}`; any member may be left out.
public struct DeploymentConfig: Equatable, Sendable {
    /// The only account that may pay prizes through the distributor (default: the deployer).
    public var gameWallet: Address?
    /// Where 70% of each Game Pass price goes (default: the deployer).
    public var treasury: Address?
    /// The price of a Game Pass in GLICO base units (default: 20 GLICO). In the file, a decimal GLICO amount.
    public var gamePassPrice: UInt256

    /// $GLICO's decimals.
    public static let glicoDecimals = 18
    /// 20 GLICO, DESIGN.md's price.
    public static let defaultGamePassPrice = UInt256(20) * UInt256(1_000_000_000_000_000_000)

    /// The settings given; the deployer stands in for a missing game wallet or treasury.
    public init(gameWallet: Address? = nil, treasury: Address? = nil, gamePassPrice: UInt256 = defaultGamePassPrice) {
        self.gameWallet = gameWallet
        self.treasury = treasury
        self.gamePassPrice = gamePassPrice
    }

    /// Reads the JSON file at `url`.
    public static func load(from url: URL) throws(DeploymentError) -> DeploymentConfig {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        } catch {
            throw .configUnreadable(path: url.path, underlying: error)
        }
        var config = DeploymentConfig(gameWallet: file.gameWallet, treasury: file.treasury)
        if let price = file.gamePassPrice {
            do {
                config.gamePassPrice = try Units.parse(price, decimals: glicoDecimals)
            } catch {
                throw .configValue(path: url.path, member: "gamePassPrice", reason: "\(price.debugDescription): \(error)")
            }
            guard config.gamePassPrice > .zero else {
                throw .configValue(path: url.path, member: "gamePassPrice", reason: "must be above zero")
            }
        }
        return config
    }

    private struct File: Decodable {
        let gameWallet: Address?
        let treasury: Address?
        let gamePassPrice: String?
    }
}
