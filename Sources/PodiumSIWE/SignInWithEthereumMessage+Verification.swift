import Foundation
import PodiumPrimitives
import PodiumSigner

extension SignInWithEthereumMessage {
    /// Checks a signed message as a relying party must (EIP-4361, "Verifying a signed Message"): the domain, nonce
    /// and chain id it was expected to have (each only when given), the time `now` within
    /// [`notBefore`, `expirationTime`), and `signature` as a `personal_sign` (EIP-191) signature of `text` by
    /// `address`. Throws the first check that fails.
    public func verify(
        signature: Signature, domain expectedDomain: String? = nil, nonce expectedNonce: String? = nil,
        chainID expectedChainID: ChainID? = nil, at now: Timestamp = Timestamp(Date())
    ) throws(SignInWithEthereumError) {
        if let expectedDomain, expectedDomain != domain {
            throw .domainMismatch(expected: expectedDomain, found: domain)
        }
        if let expectedNonce, expectedNonce != nonce { throw .nonceMismatch(expected: expectedNonce, found: nonce) }
        if let expectedChainID, expectedChainID != chainID {
            throw .chainIDMismatch(expected: expectedChainID, found: chainID)
        }
        if let notBefore, now < notBefore { throw .notYetValid(until: notBefore) }
        if let expirationTime, now >= expirationTime { throw .expired(at: expirationTime) }
        let signer: Address
        do throws(SignerError) {
            signer = try signature.personalMessageSigner(Array(text.utf8))
        } catch {
            throw .invalidSignature(error)
        }
        guard signer == address else { throw .signerMismatch(expected: address, recovered: signer) }
    }
}
