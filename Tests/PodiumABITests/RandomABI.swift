import PodiumABI
import PodiumPrimitives
import PodiumTestSupport

/// Random ABI types and values for the differential and fuzz tests: every type, nesting up to a given depth,
/// integers biased to their edges, byte strings around the 32-byte boundaries, multi-byte UTF-8 text.
extension SeededGenerator {
    /// A random type nesting at most `depth` arrays and tuples.
    mutating func abiType(depth: Int) -> ABIType {
        if depth > 0 && Int.random(in: 0..<3, using: &self) == 0 {
            switch Int.random(in: 0..<3, using: &self) {
            case 0: return .array(abiType(depth: depth - 1))
            case 1: return .fixedArray(abiType(depth: depth - 1), Int.random(in: 1...3, using: &self))
            default: return .tuple((0..<Int.random(in: 1...4, using: &self)).map { _ in abiType(depth: depth - 1) })
            }
        }
        switch Int.random(in: 0..<8, using: &self) {
        case 0: return .uint(8 * Int.random(in: 1...32, using: &self))
        case 1: return .int(8 * Int.random(in: 1...32, using: &self))
        case 2: return .address
        case 3: return .bool
        case 4: return .fixedBytes(Int.random(in: 1...32, using: &self))
        case 5: return Bool.random(using: &self) ? .function : .bytes
        case 6: return .bytes
        default: return .string
        }
    }

    /// A random value of `type`.
    mutating func abiValue(of type: ABIType) -> ABIValue {
        switch type {
        case .uint(let bits):
            return .uint(unsigned(bits: bits), bits: bits)
        case .int(let bits):
            // A random pattern of `bits` bits, sign-extended: covers the whole range and both edges.
            let pattern = unsigned(bits: bits)
            let negative = bits < 256 && pattern >> (bits - 1) == UInt256(1)
            let extended = negative ? pattern | (UInt256.max << bits) : pattern
            return .int(Int256(bitPattern: extended), bits: bits)
        case .address:
            return .address(try! Address(bytes(20)))
        case .bool:
            return .bool(Bool.random(using: &self))
        case .fixedBytes(let size):
            return ABIValue(fixedBytes: bytes(size))
        case .function:
            let raw = bytes(24)
            return .function(
                try! Address(raw[..<20]), Selector(rawValue: raw[20...].reduce(0) { $0 << 8 | UInt32($1) }))
        case .bytes:
            return .bytes(bytes(byteCount()))
        case .string:
            return .string(text())
        case .array(let element):
            return .array((0..<Int.random(in: 0...3, using: &self)).map { _ in abiValue(of: element) })
        case .fixedArray(let element, let count):
            return .fixedArray((0..<count).map { _ in abiValue(of: element) })
        case .tuple(let components):
            return .tuple(components.map { abiValue(of: $0) })
        }
    }

    /// A number below 2^bits: often 0, 1 or the largest, else random bits of a random length.
    private mutating func unsigned(bits: Int) -> UInt256 {
        let top = bits == 256 ? UInt256.max : (UInt256(1) << bits) - UInt256(1)
        switch Int.random(in: 0..<6, using: &self) {
        case 0: return .zero
        case 1: return UInt256(1)
        case 2: return top
        default:
            let random = UInt256(limbs: next(), next(), next(), next())
            return random >> Int.random(in: (256 - bits)...255, using: &self)
        }
    }

    /// A byte count around the 32-byte boundaries.
    private mutating func byteCount() -> Int {
        [0, 1, 5, 31, 32, 33, 63, 64, 65, 100].randomElement(using: &self)!
    }

    /// Text mixing ASCII, two-, three- and four-byte UTF-8.
    private mutating func text() -> String {
        let alphabet: [Character] = ["a", "Z", "0", " ", ",", "\"", "\\", "é", "ß", "€", "中", "😀", "\u{0}", "\n"]
        return String((0..<byteCount() / 2).map { _ in alphabet.randomElement(using: &self)! })
    }
}
