import CSecp256k1

/// The one libsecp256k1 context every key operation in this module uses: created once, randomized once, never freed.
final class Secp256k1Context: @unchecked Sendable {
    // Safe to share: libsecp256k1 documents that a context may be used by several threads at once in every call
    // that takes it as `const`. The only calls that take it mutably (`secp256k1_context_randomize`, and destroy,
    // which never happens) run in `init`, before the context is published through `shared`.

    /// The context, created with randomization against side channels on first use.
    static let shared = Secp256k1Context()

    /// libsecp256k1's `secp256k1_context *`.
    let pointer: OpaquePointer

    private init() {
        guard let context = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE)) else {
            preconditionFailure("secp256k1_context_create failed")
        }
        var seed = SystemRandomNumberGenerator()
        var blinding = (seed.next() as UInt64, seed.next() as UInt64, seed.next() as UInt64, seed.next() as UInt64)
        let randomized = withUnsafeBytes(of: &blinding) { secp256k1_context_randomize(context, $0.baseAddress) }
        precondition(randomized == 1, "secp256k1_context_randomize failed")
        pointer = context
    }
}
