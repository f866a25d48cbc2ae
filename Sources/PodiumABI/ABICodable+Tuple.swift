/// A Swift struct encoded as an ABI tuple: a Solidity struct, or a parameter list such as an event's data. It
/// lists its stored properties once, in the tuple's order, and gets its `ABICodable` conformance from the list.
///
///     struct Transfer {
///         var to = Address.zero
///         var memo: ABIBytes = []
///         var amount: UInt256 = 0
///     }
///
///     extension Transfer: ABITuple {   // (address,bytes,uint256)
///         mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
///             try fields.visit(&to)
///             try fields.visit(&memo)
///             try fields.visit(&amount)
///         }
///     }
///
/// Decoding starts from `init()` and overwrites the fields in order; encoding reads them. The list is walked with
/// concrete types, so the compiler specializes the whole encoding and decoding.
public protocol ABITuple: ABICodable {
    /// A value whose fields decoding then overwrites: default values for the stored properties give one. Should be
    /// cheap (empty arrays and strings, zeros).
    init()

    /// Passes each field, in the order of the ABI tuple, to `fields.visit(_:)`, and nothing else.
    mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure)
}

/// What walks the fields of an `ABITuple`: the typed encoder and decoder, and what finds the tuple's type and size.
public protocol ABIFieldVisitor {
    /// The error visiting can fail with: `ABIDecodingError` for decoding, `Never` for the rest.
    associatedtype Failure: Error
    /// Visits the next field: reads it, or overwrites it with a decoded value.
    mutating func visit<Field: ABICodable>(_ field: inout Field) throws(Failure)
}

extension ABITuple {
    /// `(T1,…,Tn)` of the fields' types.
    @inlinable
    public static var abiType: ABIType {
        var types = ABIFieldTypes()
        var value = Self()
        value.abiFields(&types)
        return .tuple(types.types)
    }

    /// True when a field is dynamic.
    @inlinable public static var abiIsDynamic: Bool { abiFieldsLayout.isDynamic }

    /// 32 for a dynamic tuple (an offset), else the size of all its fields.
    @inlinable
    public static var abiHeadSize: Int {
        let layout = abiFieldsLayout
        return layout.isDynamic ? 32 : layout.headSize
    }

    /// The tuple's own head (the fields' heads) and whether a field is dynamic.
    @inlinable
    static var abiFieldsLayout: ABIFieldLayout {
        var layout = ABIFieldLayout()
        var value = Self()
        value.abiFields(&layout)
        return layout
    }

    /// The fields' heads, then the data of the dynamic ones in order.
    @inlinable
    public init(abiDecoding reader: ABIReader, at offset: Int, end: inout Int) throws(ABIDecodingError) {
        self.init()
        var head = try ABIHeadReader(reader, at: offset, headSize: Self.abiFieldsLayout.headSize, of: .tuple)
        try abiFields(&head)
        end = head.end
    }

    /// The fields' heads and data.
    @inlinable
    public var abiEncodedSize: Int {
        var size = ABIFieldSizes()
        var fields = self
        fields.abiFields(&size)
        return size.total
    }

    /// Writes the fields' heads, then the data of the dynamic ones in order.
    @inlinable
    public func abiEncode(to writer: ABIWriter, at offset: Int) -> Int {
        var head = ABIHeadWriter(writer, at: offset, headSize: Self.abiFieldsLayout.headSize)
        var fields = self
        fields.abiFields(&head)
        return head.end
    }
}

/// Collects the fields' types.
@usableFromInline
struct ABIFieldTypes: ABIFieldVisitor {
    @usableFromInline var types: [ABIType] = []

    @inlinable init() {}

    @inlinable
    mutating func visit<Field: ABICodable>(_: inout Field) { types.append(Field.abiType) }
}

/// Adds up the fields' heads and finds whether one is dynamic, from their types alone.
@usableFromInline
struct ABIFieldLayout: ABIFieldVisitor {
    @usableFromInline var headSize = 0
    @usableFromInline var isDynamic = false

    @inlinable init() {}

    @inlinable @inline(__always)
    mutating func visit<Field: ABICodable>(_: inout Field) {
        headSize &+= Field.abiHeadSize
        isDynamic = isDynamic || Field.abiIsDynamic
    }
}

/// Adds up the bytes the fields take in the tuple: heads, and data for the dynamic ones.
@usableFromInline
struct ABIFieldSizes: ABIFieldVisitor {
    @usableFromInline var total = 0

    @inlinable init() {}

    @inlinable @inline(__always)
    mutating func visit<Field: ABICodable>(_ field: inout Field) { total &+= field.abiSizeInContainer }
}

extension ABIHeadReader: ABIFieldVisitor {
    /// Decodes the next field.
    @inlinable @inline(__always)
    mutating func visit<Field: ABICodable>(_ field: inout Field) throws(ABIDecodingError) {
        field = try next(Field.self)
    }
}

extension ABIHeadWriter: ABIFieldVisitor {
    /// Writes the next field.
    @inlinable @inline(__always)
    mutating func visit<Field: ABICodable>(_ field: inout Field) { next(field) }
}
