import ArgumentParser
import Foundation
import PodiumPrimitives
import Synchronization

/// `podium create2 --starts-with <HEX> [--ends-with <HEX>]`, as `cast create2`: a salt search for a CREATE2 address
/// with a chosen prefix or suffix.
struct Create2: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search for a CREATE2 salt that gives an address starting or ending with chosen hex digits.",
        discussion: """
            The address is keccak256(0xff ++ deployer ++ salt ++ keccak256(init code))[12:] (EIP-1014). The search \\
            runs on every core (--jobs) from random salts, and prints the salt, the address, how many salts it \\
            tried and how fast. Each hex digit asked for multiplies the expected work by 16.
            """)
    @Option(help: ArgumentHelp("Hex digits the address must start with (0x optional).", valueName: "HEX")) var startsWith: String?
    @Option(help: ArgumentHelp("Hex digits the address must end with.", valueName: "HEX")) var endsWith: String?
    @Option(help: ArgumentHelp("The deploying factory.", valueName: "ADDRESS"))
    var deployer = "0x4e59b44847b379578588920cA78FbF26c0B4956C"  // the deterministic-deployment proxy Foundry uses
    @Option(help: ArgumentHelp("The init code, as hex.", valueName: "CODE")) var initCode: String?
    @Option(help: ArgumentHelp("keccak256 of the init code.", valueName: "HASH")) var initCodeHash: String?
    @Option(help: "Threads to search on (default: every core).") var jobs: Int?

    func validate() throws {
        if startsWith == nil && endsWith == nil { throw ValidationError("give --starts-with or --ends-with") }
        if (initCode == nil) == (initCodeHash == nil) { throw ValidationError("give --init-code or --init-code-hash") }
    }

    func run() async throws {
        let factory = try ChainArgument.address(deployer, what: "deployer address")
        let codeHash = try initCodeHash.map { try ChainArgument.hash($0, what: "init code hash") }
            ?? Keccak256.hash(try HexArgument.parse(initCode!, what: "init code"))
        let pattern = try Pattern(prefix: startsWith ?? "", suffix: endsWith ?? "")
        let threads = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        guard (1...256).contains(threads) else { throw ValidationError("--jobs must be 1 to 256") }
        let start = ContinuousClock.now
        let search = Search(deployer: factory, codeHash: codeHash, pattern: pattern)
        let (salt, address, attempts) = await search.run(threads: threads)
        let seconds = max((ContinuousClock.now - start) / .seconds(1), 1e-9)
        print("salt      \(salt)\naddress   \(address)")
        print("attempts  \(attempts) in \(String(format: "%.2f", seconds)) s on \(threads) threads (\(Int(Double(attempts) / seconds)) salts/s)")
    }

    /// The digits asked for, as nibbles.
    struct Pattern: Sendable {
        let prefix: [UInt8]
        let suffix: [UInt8]

        init(prefix: String, suffix: String) throws {
            func nibbles(_ text: String, _ what: String) throws -> [UInt8] {
                let digits = text.hasPrefix("0x") || text.hasPrefix("0X") ? String(text.dropFirst(2)) : text
                return try digits.map { character in
                    guard let value = character.hexDigitValue else { throw CommandFailure("\(what) \(text.debugDescription) is not hex") }
                    return UInt8(value)
                }
            }
            self.prefix = try nibbles(prefix, "--starts-with")
            self.suffix = try nibbles(suffix, "--ends-with")
            guard self.prefix.count + self.suffix.count <= 40 else { throw CommandFailure("an address has 40 hex digits") }
        }

        /// True when the address's 20 bytes, `hash[12...]`, fit the pattern.
        func matches(_ address: UnsafeRawBufferPointer) -> Bool {
            for (index, nibble) in prefix.enumerated() where Self.nibble(address, index) != nibble { return false }
            for (index, nibble) in suffix.enumerated() where Self.nibble(address, 40 - suffix.count + index) != nibble {
                return false
            }
            return true
        }

        private static func nibble(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> UInt8 {
            let byte = bytes[index / 2]
            return index % 2 == 0 ? byte >> 4 : byte & 0x0f
        }
    }

    /// The threads' shared state: the first salt found, and how many were tried.
    final class Search: Sendable {
        let deployer: Address
        let codeHash: Bytes32
        let pattern: Pattern
        let found = Mutex<(salt: Bytes32, address: Address)?>(nil)
        let attempts = Atomic<Int>(0)
        let done = Atomic<Bool>(false)

        init(deployer: Address, codeHash: Bytes32, pattern: Pattern) {
            (self.deployer, self.codeHash, self.pattern) = (deployer, codeHash, pattern)
        }

        /// Searches on `threads` threads until one finds a salt.
        func run(threads: Int) async -> (Bytes32, Address, Int) {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<threads {
                    group.addTask { await offPoolThread { self.searchOnThisThread() } }
                }
            }
            let (salt, address) = found.withLock { $0! }
            return (salt, address, attempts.load(ordering: .relaxed))
        }

        /// Tries salts from a random one upwards (its last 8 bytes a counter) until this thread or another finds one.
        private func searchOnThisThread() {
            var generator = SystemRandomNumberGenerator()
            // 0xff ‖ deployer ‖ salt ‖ code hash: 85 bytes, the salt at 21..<53.
            var preimage = [UInt8](repeating: 0, count: 85)
            preimage[0] = 0xff
            preimage.replaceSubrange(1..<21, with: deployer.bytes)
            for index in 21..<45 { preimage[index] = UInt8.random(in: .min ... .max, using: &generator) }
            preimage.replaceSubrange(53..<85, with: codeHash.bytes)
            var counter: UInt64 = 0
            while !done.load(ordering: .relaxed) {
                for _ in 0..<4096 {
                    counter &+= 1
                    withUnsafeBytes(of: counter.bigEndian) { preimage.replaceSubrange(45..<53, with: $0) }
                    let hash = preimage.withUnsafeBytes { Keccak256.hash($0) }
                    let hit = hash.withUnsafeBytes { pattern.matches(UnsafeRawBufferPointer(rebasing: $0[12...])) }
                    // The slice is 32 bytes by construction.
                    if hit, let salt = try? Bytes32(preimage[21..<53]) {
                        let address = Address.create2(deployer: deployer, salt: salt, initCodeHash: codeHash)
                        found.withLock { if $0 == nil { $0 = (salt, address) } }
                        done.store(true, ordering: .relaxed)
                        break
                    }
                }
                attempts.add(4096, ordering: .relaxed)
            }
        }
    }
}

/// Runs blocking work on a thread of its own rather than one of Swift concurrency's few.
func offPoolThread(_ body: @escaping @Sendable () -> Void) async {
    await withCheckedContinuation { continuation in
        let thread = Thread {
            body()
            continuation.resume()
        }
        thread.start()
    }
}
