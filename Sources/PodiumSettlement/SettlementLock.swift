import Foundation

/// An exclusive lock on a ledger for the length of a settlement run (`flock` on a file beside it): a second run
/// waits, then finds the first one's work done. The kernel drops the lock when its process dies, even by SIGKILL.
final class SettlementLock {
    private let descriptor: Int32

    /// Takes the lock for the ledger at `ledgerPath`, waiting for another holder.
    init(ledgerPath: String) throws(SettlementError) {
        let path = ledgerPath + ".settle-lock"
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .node("cannot open the lock file \(path): \(String(cString: strerror(errno)))") }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw .node("cannot lock \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    deinit { close(descriptor) }
}
