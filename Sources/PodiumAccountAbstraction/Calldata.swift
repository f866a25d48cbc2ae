import PodiumABI
import PodiumPrimitives

/// The arguments of `calldata`, which must start with `selector`, decoded as the parameter list `(types…)`; error
/// offsets count the selector, as calldata offsets do.
func decodeCall<each Value: ABICodable>(
    _ calldata: [UInt8], selector: Selector, as types: (repeat each Value).Type
) throws(ABIDecodingError) -> (repeat each Value) {
    try calldata.withUnsafeBytes { bytes in
        Result { () throws(ABIDecodingError) in
            guard let found = Selector(prefixOf: bytes) else {
                throw ABIDecodingError(.missingSelector(length: bytes.count), offset: 0)
            }
            guard found == selector else {
                throw ABIDecodingError(.selectorMismatch(expected: selector, found: found), offset: 0)
            }
            do throws(ABIDecodingError) {
                return try ABI.decode(types, from: UnsafeRawBufferPointer(rebasing: bytes[4...]))
            } catch {
                throw ABIDecodingError(error.reason, offset: error.offset + 4, path: error.path)
            }
        }
    }.get()
}
