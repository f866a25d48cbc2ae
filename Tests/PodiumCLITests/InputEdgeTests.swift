import Foundation
import PodiumTestSupport
import Testing

/// Input that new users and scripts hand the command line, each once found to be handled badly: bytes that are
/// not UTF-8, huge inputs, files that cannot be read, help for a command that does not exist.
@Suite struct InputEdgeTests {
    /// Runs podium through /bin/sh so that an argument can hold bytes Swift's `String` cannot: `script` sees the
    /// binary as $0.
    static func shell(_ script: String) async throws -> PodiumProcess.Result {
        try await offPool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script, PodiumProcess.executable.path]
            let (output, errors) = try process.runCollectingOutput()
            return PodiumProcess.Result(
                status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                stderr: String(decoding: errors, as: UTF8.self))
        }
    }

    @Test func anArgumentThatIsNotUTF8IsRefusedNotReplaced() async throws {
        for command in ["keccak", "wallet sign --dev-account 0", "abi-encode 'f(string)'"] {
            let result = try await Self.shell(#""$0" \#(command) "$(printf '\377')""#)
            #expect(result.status != 0 && result.stdout.isEmpty, "\(command): \(result.stdout)")
            #expect(result.stderr.hasPrefix("podium: argument ") && result.stderr.contains("is not UTF-8 text; give bytes as 0x-hex (e.g. 0xff)"),
                    "\(command): \(result.stderr)")
        }
        // The same byte as hex is hashed as that byte: keccak256(0xff), as pycryptodome gives it.
        let hex = try await PodiumProcess.run(["keccak", "0xff"])
        #expect(hex.stdout == "0x8b1a944cf13a9a1c08facb2c9e98623ef3254d2ddb48113885c3e8e97fec8db9\n")
    }

    @Test func aHugeInputIsQuotedByItsStartAndLength() async throws {
        let huge = String(repeating: "a", count: 100_000)
        let result = try await PodiumProcess.run(["to-check-sum-address", huge])
        #expect(result.status != 0)
        #expect(result.stderr.utf8.count < 500, "\(result.stderr.utf8.count) bytes")
        #expect(result.stderr.contains("(100000 bytes)"), "\(result.stderr.prefix(300))")
    }

    @Test func versionAndHelp() async throws {
        let version = try await PodiumProcess.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("podium "))
        let unknown = try await PodiumProcess.run(["help", "nosuch"])
        #expect(unknown.status != 0 && unknown.stderr == "podium: no command \"nosuch\"; 'podium --help' lists them\n")
        let command = try await PodiumProcess.run(["nosuch"])
        #expect(command.status != 0)
        let known = try await PodiumProcess.run(["help", "keccak"])
        #expect(known.status == 0 && known.stdout.contains("Keccak-256"))
        // A default is said once, by the parser.
        for name in ["balance", "code", "call", "block", "logs", "nonce", "storage"] {
            let help = try await PodiumProcess.run([name, "--help"])
            #expect(!help.stdout.contains("(default: latest). (default: latest)") && !help.stdout.contains("(default: latest)."), "\(name)")
        }
    }

    @Test func fileErrorsNameTheReason() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("podium-empty-\(UUID().uuidString).json")
        try Data().write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        let cases = [
            (empty.path, "ABI file \(empty.path) is empty"),
            (FileManager.default.temporaryDirectory.path, "cannot read ABI file \(FileManager.default.temporaryDirectory.path): it is a directory"),
            ("/nonexistent/abi.json", "cannot read ABI file /nonexistent/abi.json: no such file"),
        ]
        for (path, message) in cases {
            let result = try await PodiumProcess.run(["decode-error", "0xdeadbeef", "--abi", path])
            #expect(result.status != 0 && result.stderr == "podium: \(message)\n", "\(result.stderr)")
        }
    }

    @Test func eventsWithMoreIndexedParametersThanTopicsAreRefused() async throws {
        let four = "E(uint256 indexed a, uint256 indexed b, uint256 indexed c, uint256 indexed d)"
        let result = try await PodiumProcess.run(["decode-event", "--sig", four, "0x"])
        #expect(result.status != 0 && result.stderr.contains("4 indexed parameters: a log has topics for at most 3"))
        let anonymous = try await PodiumProcess.run(["sig-event", "event \(four) anonymous"])
        #expect(anonymous.status == 0, "\(anonymous.stderr)")
    }

    @Test func rlpHexTakesThePrefixAsTheDecodeCommandsDo() async throws {
        for text in ["0xc0", "c0"] {
            let result = try await PodiumProcess.run(["from-rlp", text])
            #expect(result.status == 0 && result.stdout == "[]\n", "\(text): \(result.stderr)")
        }
        let escaped = try await PodiumProcess.run(["to-rlp", #"["\u0030x01"]"#])
        #expect(escaped.stdout == "0xc101\n", "\(escaped.stderr)")
    }
}

/// How the command line talks to a node: credentials in the URL stay out of every message, and --retries is
/// exactly the number of extra attempts (counted by the fault proxy, which answers HTTP 503 to all).
@Suite struct NodeConnectionTests {
    @Test func secretsInTheURLNeverReachAMessage() async throws {
        let closed = ClosedPort()
        let url = "http://user:hunter2@127.0.0.1:\(closed.port)/rpc?apikey=s3cret"
        for command in [["block-number"], ["balance", ChainCommandTests.account0], ["rpc", "eth_chainId"]] {
            let result = try await PodiumProcess.run(command + ["--rpc-url", url, "--retries", "0"])
            #expect(result.status != 0)
            #expect(!result.stderr.contains("hunter2") && !result.stderr.contains("s3cret"), "\(result.stderr)")
            #expect(result.stderr.contains("127.0.0.1:\(closed.port)"), "\(result.stderr)")
        }
    }

    @Test(arguments: [0, 2])
    func retriesAreTheExtraAttempts(retries: Int) async throws {
        let devnet = try await TestDevnet.start()
        defer { devnet.stop() }
        let proxy = try await FaultProxy.start(upstream: devnet.url, mode: "status503", count: 1_000)
        defer { proxy.stop() }
        let result = try await PodiumProcess.run(["block-number", "--rpc-url", proxy.url, "--retries", "\(retries)"])
        #expect(result.status != 0 && result.stderr.contains("503"), "\(result.stderr)")
        #expect(try await ChainCommandTests.succeed(["rpc", "proxy_requestCount", "--rpc-url", proxy.url]) == "\(retries + 1)")
    }
}
