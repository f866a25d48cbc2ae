import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback port that surely refuses connections for as long as this value lives: a socket bound to a port the
/// kernel picks and never listened on, so no other process can take the port meanwhile.
public final class ClosedPort: Sendable {
    /// The port number.
    public let port: Int
    private let descriptor: Int32

    /// Binds a new socket to 127.0.0.1 on a port of the kernel's choice.
    public init() {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        precondition(descriptor >= 0, "socket() failed: \(errno)")
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        precondition(bound == 0 && named == 0, "binding a loopback socket failed: \(errno)")
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// `http://127.0.0.1:<port>`: a node URL nothing answers at.
    public var url: String { "http://127.0.0.1:\(port)" }

    deinit { close(descriptor) }
}
