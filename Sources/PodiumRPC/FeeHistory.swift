import PodiumPrimitives

/// What `eth_feeHistory` returns: base fees and gas use of a run of blocks, and priority-fee percentiles.
public struct FeeHistory: Hashable, Sendable, Decodable {
    /// The first block of the run.
    public let oldestBlock: UInt64
    /// One base fee per block of the run, plus the next block's.
    public let baseFeePerGas: [UInt256]
    /// Each block's gas used over its gas limit (a ratio, not money).
    public let gasUsedRatio: [Double]
    /// Per block, the priority fees at the requested percentiles (empty when none were asked).
    public let reward: [[UInt256]]

    private enum CodingKeys: String, CodingKey { case oldestBlock, baseFeePerGas, gasUsedRatio, reward }

    /// Reads the JSON form, checking every field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        oldestBlock = try container.quantity(.oldestBlock)
        baseFeePerGas = try container.uint256Array(.baseFeePerGas)
        gasUsedRatio = try container.decode([Double].self, forKey: .gasUsedRatio)
        guard container.contains(.reward), try !container.decodeNil(forKey: .reward) else {
            reward = []
            return
        }
        var blocks = try container.nestedUnkeyedContainer(forKey: .reward)
        var rewards: [[UInt256]] = []
        while !blocks.isAtEnd {
            rewards.append(try blocks.decode([String].self).map { text in
                do {
                    return try Quantity.uint256(text)
                } catch {
                    throw DecodingError.dataCorruptedError(
                        in: blocks, debugDescription: "expected 0x quantities, got \(text.prefix(80).debugDescription) (\(error))")
                }
            })
        }
        reward = rewards
    }
}
