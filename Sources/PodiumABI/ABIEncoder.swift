import PodiumPrimitives

/// Encodes `ABIValue`s against their types in the standard ABI encoding (Solidity ABI spec, "Formal Specification
/// of the Encoding"): one pass checks every value against its type and computes the exact size, a second writes
/// heads, offsets and tails straight into one buffer of that size.
public enum ABIEncoder {
    /// The encoding of the tuple `(values…)` of `types`: function arguments (without a selector), return values,
    /// event data.
    public static func encode(_ values: [ABIValue], as types: [ABIType]) throws(ABIEncodingError) -> [UInt8] {
        try encode(values, as: types, after: nil)
    }

    /// The encoding of `values` as `parameters`, naming them in errors.
    public static func encode(_ values: [ABIValue], as parameters: [ABIParameter]) throws(ABIEncodingError) -> [UInt8] {
        try encode(values, as: parameters, after: nil)
    }

    /// The encoding of `values` as `parameters` after `selector` when there is one, naming them in errors.
    static func encode(
        _ values: [ABIValue], as parameters: [ABIParameter], after selector: Selector?
    ) throws(ABIEncodingError) -> [UInt8] {
        do {
            return try encode(values, as: parameters.types, after: selector)
        } catch {
            throw ABIEncodingError(error.reason, path: error.path.named(by: parameters))
        }
    }

    /// The size in bytes of the encoding of `values` as `types`, after checking every value against its type.
    public static func encodedSize(of values: [ABIValue], as types: [ABIType]) throws(ABIEncodingError) -> Int {
        try tupleSize(values, types).size
    }

    /// The encoding of `values` as `types`, after the four bytes of `selector` when there is one (calldata).
    static func encode(
        _ values: [ABIValue], as types: [ABIType], after selector: Selector?
    ) throws(ABIEncodingError) -> [UInt8] {
        let prefix = selector == nil ? 0 : 4
        let size = try tupleSize(values, types).size
        return makeBytes(count: prefix + size, zeroed: true) { base in
            if let selector { base.storeBytes(of: selector.rawValue.bigEndian, as: UInt32.self) }
            let end = ABIWriter(base: base + prefix).tuple(values, types, at: 0)
            assert(end == size, "ABI encoder wrote \(end) bytes, sized \(size)")
        }
    }

    // MARK: Checking and sizing

    /// Checks `values` against the tuple `types` and returns the size of its encoding, and whether the tuple is
    /// dynamic (a component is).
    static func tupleSize(
        _ values: [ABIValue], _ types: [ABIType]
    ) throws(ABIEncodingError) -> (size: Int, isDynamic: Bool) {
        guard values.count == types.count else {
            throw ABIEncodingError(.countMismatch(expected: types.count, found: values.count))
        }
        return try componentsSize(values, type: { types[$0] }, component: { .field($0, name: nil) })
    }

    /// Checks the elements of an array against `element` and returns the size of their encoding (without a
    /// length word).
    static func elementsSize(_ values: [ABIValue], _ element: ABIType) throws(ABIEncodingError) -> Int {
        // Arrays of the common word types take a short path when every element is right; the general path below
        // finds the precise error otherwise.
        switch element {
        case .uint(let bits):
            let allFit = values.allSatisfy { value in
                if case .uint(let number, _) = value { number.fitsUnsigned(bits: bits) } else { false }
            }
            if allFit { return 32 * values.count }
        case .address:
            if values.allSatisfy({ value in if case .address = value { true } else { false } }) {
                return 32 * values.count
            }
        default:
            break
        }
        return try componentsSize(values, type: { _ in element }, component: { .element($0) }).size
    }

    /// Checks the components of a tuple or array against `type(index)` and returns the size they take in it, and
    /// whether one is dynamic; a failing component has `component(index)` added to its path. The values are read in
    /// place: an `ABIValue` passed by value is copied, payload and all, each time it is taken out of an array.
    private static func componentsSize(
        _ values: [ABIValue], type: (Int) -> ABIType, component: (Int) -> ABIPath.Component
    ) throws(ABIEncodingError) -> (size: Int, isDynamic: Bool) {
        try values.withUnsafeBufferPointer { values in
            Result { () throws(ABIEncodingError) in
                var (size, anyDynamic) = (0, false)
                for index in values.indices {
                    do throws(ABIEncodingError) {
                        let (valueSize, isDynamic) = try sizeAndDynamism(
                            of: values.baseAddress! + index, as: type(index))
                        size += valueSize + (isDynamic ? 32 : 0)
                        anyDynamic = anyDynamic || isDynamic
                    } catch {
                        throw error.within(component(index))
                    }
                }
                return (size, anyDynamic)
            }
        }.get()
    }

    /// Checks `value` against `type` and returns the size of its encoding: the head size for a static type, the
    /// size of what goes in the tail for a dynamic one.
    static func size(of value: ABIValue, as type: ABIType) throws(ABIEncodingError) -> Int {
        try withUnsafePointer(to: value) { pointer in
            Result { () throws(ABIEncodingError) in try sizeAndDynamism(of: pointer, as: type).size }
        }.get()
    }

    /// `size(of:as:)` of the value at `pointer`, read in place, and whether `type` is dynamic, found in the same
    /// walk.
    static func sizeAndDynamism(
        of pointer: UnsafePointer<ABIValue>, as type: ABIType
    ) throws(ABIEncodingError) -> (size: Int, isDynamic: Bool) {
        // A switch over the type, then a match on the value in place: a switch over the pair would copy the value.
        switch type {
        case .uint(let bits):
            guard case .uint(let number, _) = pointer.pointee else { break }
            guard number.fitsUnsigned(bits: bits) else { throw ABIEncodingError(.valueOutOfRange(type)) }
            return (32, false)
        case .int(let bits):
            guard case .int(let number, _) = pointer.pointee else { break }
            guard UInt256(bitPattern: number).fitsSigned(bits: bits) else {
                throw ABIEncodingError(.valueOutOfRange(type))
            }
            return (32, false)
        case .address:
            guard case .address = pointer.pointee else { break }
            return (32, false)
        case .bool:
            guard case .bool = pointer.pointee else { break }
            return (32, false)
        case .function:
            guard case .function = pointer.pointee else { break }
            return (32, false)
        case .fixedBytes(let size):
            guard case .fixedBytes(let word, let valueSize) = pointer.pointee else { break }
            guard valueSize == size, (size..<32).allSatisfy({ word[$0] == 0 }) else {
                throw ABIEncodingError(.valueOutOfRange(type))
            }
            return (32, false)
        case .bytes:
            guard case .bytes(let bytes) = pointer.pointee else { break }
            return (32 + paddedLength(bytes.count), true)
        case .string:
            guard case .string(let text) = pointer.pointee else { break }
            return (32 + paddedLength(text.utf8.count), true)
        case .array(let element):
            guard case .array(let elements) = pointer.pointee else { break }
            return (32 + (try elementsSize(elements, element)), true)
        case .fixedArray(let element, let count):
            guard case .fixedArray(let elements) = pointer.pointee else { break }
            guard elements.count == count else {
                throw ABIEncodingError(.countMismatch(expected: count, found: elements.count))
            }
            return (try elementsSize(elements, element), element.isDynamic)
        case .tuple(let components):
            guard case .tuple(let values) = pointer.pointee else { break }
            return try tupleSize(values, components)
        }
        throw ABIEncodingError(.typeMismatch(expected: type, found: pointer.pointee.kindName))
    }
}

extension ABIType {
    /// Checks that `value` is a value of this type: same shape, integers in range, `bytes<M>` of size M.
    public func validate(_ value: ABIValue) throws(ABIEncodingError) {
        _ = try ABIEncoder.size(of: value, as: self)
    }
}
