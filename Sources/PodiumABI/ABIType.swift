/// A Solidity ABI type, known at run time (Solidity ABI spec, "Types"; alloy's `DynSolType`).
///
/// Widths are in bits for integers and in bytes for `fixedBytes`. A value built by `ABIType(parsing:)` or by the
/// signature and JSON parsers is always valid: `uint`/`int` widths are 8…256 in steps of 8, `fixedBytes` sizes
/// 1…32, fixed arrays have at least one element, tuples at least one component, and nesting stays within
/// `maximumDepth`. Types built by hand must keep the same rules (the codecs check them as programmer errors).
public enum ABIType: Hashable, Sendable {
    /// `uint<M>`: an unsigned integer of M bits.
    case uint(Int)
    /// `int<M>`: a two's-complement signed integer of M bits.
    case int(Int)
    /// `address`: 20 bytes, encoded as `uint160`.
    case address
    /// `bool`: encoded as a `uint8` restricted to 0 and 1.
    case bool
    /// `bytes<M>`: M bytes, encoded left-aligned in one word.
    case fixedBytes(Int)
    /// `function`: an address followed by a selector, 24 bytes, encoded as `bytes24`.
    case function
    /// `bytes`: a byte string of any length.
    case bytes
    /// `string`: UTF-8 text of any length.
    case string
    /// `T[]`: any number of elements of one type.
    indirect case array(ABIType)
    /// `T[k]`: exactly k elements of one type.
    indirect case fixedArray(ABIType, Int)
    /// `(T1,…,Tn)`: a tuple (a Solidity struct or a parameter list).
    case tuple([ABIType])

    /// The deepest nesting of tuples and arrays the parsers accept (`uint256[][]` has depth 3, `uint256` depth 1).
    public static let maximumDepth = 32

    /// `uint256`, the type `uint` stands for.
    public static let uint256 = ABIType.uint(256)
    /// `int256`, the type `int` stands for.
    public static let int256 = ABIType.int(256)
    /// `bytes32`, the type of hashes and event topics.
    public static let bytes32 = ABIType.fixedBytes(32)

    /// The canonical name used in signatures: `uint256`, `bytes32`, `(uint256,address)[]` (ABI spec, "Function
    /// Selector": no spaces, `uint` spelled `uint256`, tuples in parentheses).
    public var canonicalName: String {
        var name = ""
        appendCanonicalName(to: &name)
        return name
    }

    /// Appends `canonicalName` to `name`.
    func appendCanonicalName(to name: inout String) {
        switch self {
        case .uint(let bits): name += "uint\(bits)"
        case .int(let bits): name += "int\(bits)"
        case .address: name += "address"
        case .bool: name += "bool"
        case .fixedBytes(let size): name += "bytes\(size)"
        case .function: name += "function"
        case .bytes: name += "bytes"
        case .string: name += "string"
        case .array(let element):
            element.appendCanonicalName(to: &name)
            name += "[]"
        case .fixedArray(let element, let count):
            element.appendCanonicalName(to: &name)
            name += "[\(count)]"
        case .tuple(let components):
            name += "("
            for (i, component) in components.enumerated() {
                if i > 0 { name += "," }
                component.appendCanonicalName(to: &name)
            }
            name += ")"
        }
    }

    /// True for the types the ABI spec calls dynamic: `bytes`, `string`, `T[]`, and fixed arrays and tuples that
    /// contain one of them (ABI spec, "Formal Specification of the Encoding").
    public var isDynamic: Bool { layout.isDynamic }

    /// The bytes the type takes in the head of an enclosing tuple or array: 32 (an offset) for a dynamic type,
    /// its whole encoding for a static one (`uint256[3]` takes 96).
    public var headSize: Int { layout.headSize }

    /// `isDynamic` and `headSize` in one walk of the type.
    var layout: (isDynamic: Bool, headSize: Int) {
        switch self {
        case .uint, .int, .address, .bool, .fixedBytes, .function: return (false, 32)
        case .bytes, .string, .array: return (true, 32)
        case .fixedArray(let element, let count):
            let elementLayout = element.layout
            return elementLayout.isDynamic ? (true, 32) : (false, count * elementLayout.headSize)
        case .tuple(let components):
            var size = 0
            for index in components.indices {
                let componentLayout = components[index].layout
                if componentLayout.isDynamic { return (true, 32) }
                size += componentLayout.headSize
            }
            return (false, size)
        }
    }

    /// True for the types the ABI spec calls value types, which an indexed event parameter stores in its topic as
    /// they are; all others (`bytes`, `string`, arrays, tuples) are stored as a Keccak-256 hash (ABI spec, "Events").
    public var isValueType: Bool {
        switch self {
        case .uint, .int, .address, .bool, .fixedBytes, .function: true
        case .bytes, .string, .array, .fixedArray, .tuple: false
        }
    }

    /// How deeply tuples and arrays nest: 1 for an elementary type, one more for each array or tuple around it.
    public var depth: Int {
        switch self {
        case .uint, .int, .address, .bool, .fixedBytes, .function, .bytes, .string: 1
        case .array(let element), .fixedArray(let element, _): 1 + element.depth
        case .tuple(let components): 1 + components.reduce(0) { max($0, $1.depth) }
        }
    }
}

/// The head of a tuple found in one walk of its component types: its size, and which components are dynamic.
struct TupleLayout {
    /// The bytes the components take in the head.
    let headSize: Int
    /// Bit `i` set when component `i` is dynamic, for the first 64 components.
    private let dynamic: UInt64

    /// The layout of a tuple of `components`.
    @inline(__always)
    init(_ components: [ABIType]) {
        var headSize = 0
        var dynamic: UInt64 = 0
        for index in components.indices {
            let layout = components[index].layout
            headSize += layout.headSize
            if layout.isDynamic && index < 64 { dynamic |= 1 << UInt64(index) }
        }
        (self.headSize, self.dynamic) = (headSize, dynamic)
    }

    /// True when component `index` of `components`, the tuple this layout was made from, is dynamic.
    @inline(__always)
    func isDynamic(_ index: Int, of components: [ABIType]) -> Bool {
        index < 64 ? dynamic >> UInt64(index) & 1 == 1 : components[index].isDynamic
    }
}

extension ABIType: CustomStringConvertible, LosslessStringConvertible {
    /// The canonical name.
    public var description: String { canonicalName }

    /// Parses a type string like `ABIType(parsing:)`, or nil.
    public init?(_ description: String) {
        guard let type = try? ABIType(parsing: description) else { return nil }
        self = type
    }
}
