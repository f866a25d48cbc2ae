import PodiumABI
import PodiumPrimitives

/// `event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)`: the token, the
/// distributor and the Game Pass sale emit it when ownership moves.
public struct OwnershipTransferred: ABIEventType, Hashable {
    /// The event's declaration, as the contract's ABI has it.
    public static let event = ABIEvent(name: "OwnershipTransferred", inputs: [
        ABIParameter(name: "previousOwner", type: .address, indexed: true),
        ABIParameter(name: "newOwner", type: .address, indexed: true),
    ])

    /// The owner before.
    public var previousOwner: Address
    /// The owner after.
    public var newOwner: Address

    /// Reads the indexed parameters from the topics and the others from the data.
    public init(topics: inout ABITopicReader, data: UnsafeRawBufferPointer) throws(ABIDecodingError) {
        previousOwner = try topics.next()
        newOwner = try topics.next()
    }
}
