/// A named, typed parameter of a function, event or error, or a named component of a tuple (Solidity ABI spec,
/// "JSON": `name`, `type`, `components`, `indexed`, `internalType`).
///
/// Invariant: when `type` is a tuple, or an array of tuples at any depth, `components` describes that innermost
/// tuple, one parameter per component and with the same types; otherwise `components` is empty.
public struct ABIParameter: Hashable, Sendable {
    /// The parameter's name; empty when it has none.
    public var name: String
    /// The parameter's ABI type.
    public let type: ABIType
    /// True for an event parameter stored in a log topic rather than in the data.
    public var indexed: Bool
    /// The named components of the innermost tuple of `type`; empty when `type` has no tuple.
    public let components: [ABIParameter]
    /// The Solidity type the compiler reported (`struct Pool.Key`, `contract IERC20`, `address payable`), if any.
    public var internalType: String?

    /// A parameter of `type`; `components` names the innermost tuple's components and defaults to unnamed ones.
    public init(
        name: String = "", type: ABIType, indexed: Bool = false, components: [ABIParameter]? = nil,
        internalType: String? = nil
    ) {
        let tupleComponents = type.innermostTupleComponents
        if let components {
            precondition(
                components.map(\.type) == (tupleComponents ?? []),
                "ABIParameter components must match the innermost tuple of \(type)")
            self.components = components
        } else {
            self.components = (tupleComponents ?? []).map { ABIParameter(type: $0) }
        }
        self.name = name
        self.type = type
        self.indexed = indexed
        self.internalType = internalType
    }
}

extension ABIType {
    /// The components of the tuple this type is, or holds as its (possibly nested) array element.
    var innermostTupleComponents: [ABIType]? {
        switch self {
        case .tuple(let components): components
        case .array(let element), .fixedArray(let element, _): element.innermostTupleComponents
        default: nil
        }
    }
}

extension [ABIParameter] {
    /// The parameter types, in order.
    public var types: [ABIType] { map(\.type) }

    /// The canonical parameter list of a signature: `(address,uint256)`.
    var canonicalList: String { ABIType.tuple(types).canonicalName }
}
