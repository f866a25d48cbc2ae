import ArgumentParser
import Foundation
import PodiumPrimitives
import PodiumRPC

/// `podium devnet up | down | status | reset | run`: the local chain in devnet/ (py-evm behind a JSON-RPC server).
struct Devnet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start, stop, inspect or reset the local devnet (chain 31337, the test mnemonic's ten accounts).",
        discussion: """
            The devnet is devnet/server.py run by devnet/.venv (make demo and make test install both). podium finds \
            devnet/ in the working directory or a parent, or at $PODIUM_DEVNET_DIR. While it runs in the background \
            its process id and log are in devnet/.state/.
            """,
        subcommands: [DevnetUp.self, DevnetDown.self, DevnetStatus.self, DevnetReset.self, DevnetRun.self])
}

/// Where the devnet's files are, and how to start its server.
struct DevnetHome {
    let directory: URL

    /// devnet/ from $PODIUM_DEVNET_DIR, or the first `devnet/server.py` found from the working directory upwards.
    static func locate() throws -> DevnetHome {
        if let path = ProcessInfo.processInfo.environment["PODIUM_DEVNET_DIR"] {
            return DevnetHome(directory: URL(fileURLWithPath: path))
        }
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while true {
            let candidate = directory.appendingPathComponent("devnet")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("server.py").path) {
                return DevnetHome(directory: candidate)
            }
            let parent = directory.deletingLastPathComponent()
            guard parent.path != directory.path else {
                throw CommandFailure("devnet/server.py not found here or above; run from the Podium checkout or set PODIUM_DEVNET_DIR")
            }
            directory = parent
        }
    }

    var python: URL { directory.appendingPathComponent(".venv/bin/python") }
    var server: URL { directory.appendingPathComponent("server.py") }
    var state: URL { directory.appendingPathComponent(".state") }
    func pidFile(port: Int) -> URL { state.appendingPathComponent("devnet-\(port).pid") }
    func logFile(port: Int) -> URL { state.appendingPathComponent("devnet-\(port).log") }

    /// The server process for `port`, not yet started.
    func process(port: Int, blockTime: Int?, finalityDepth: Int?) throws -> Process {
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw CommandFailure("\(python.path) missing: run scripts/setup (or make) to install the devnet")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [server.path, "--port", "\(port)"] + (blockTime.map { ["--block-time", "\($0)"] } ?? [])
            + (finalityDepth.map { ["--finality-depth", "\($0)"] } ?? [])
        return process
    }

    /// The process id recorded for `port`, when that process is alive and is this devnet's server for that port
    /// (its command line names server.py and the port). A pid file left by a server that died is removed: its
    /// number may belong to another process by now, which must never be signalled.
    func runningPID(port: Int) -> Int32? {
        let file = pidFile(port: port)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0, kill(pid, 0) == 0,
            isServer(pid, port: port)
        else {
            try? FileManager.default.removeItem(at: file)
            return nil
        }
        return pid
    }

    /// True when process `pid` runs this devnet's server.py on `port` (or on port 0, which `up --port 0` passes and
    /// then records under the port picked), as /proc/PID/cmdline shows.
    private func isServer(_ pid: Int32, port: Int) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard let portFlag = arguments.firstIndex(of: "--port"), portFlag + 1 < arguments.count else { return false }
        return arguments.contains(server.path) && ["\(port)", "0"].contains(arguments[portFlag + 1])
    }
}

/// The options every devnet subcommand shares.
struct DevnetOptions: ParsableArguments {
    @Option(help: "The port on 127.0.0.1 (0 for one the system picks, with up and run).") var port = 8545

    init() {}

    /// The options for the devnet on `port`.
    init(port: Int) { self.port = port }

    var url: String { "http://127.0.0.1:\(port)" }

    /// The chain id, when a node answers on the port.
    func probe() async -> UInt64? {
        guard let client = try? RPCClient(url: url, timeout: .seconds(2), retryPolicy: .none) else { return nil }
        return try? await client.chainID()
    }
}

struct DevnetUp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Start the devnet in the background and wait until it answers.")
    @OptionGroup var options: DevnetOptions
    @Option(help: ArgumentHelp("Mine a block every SECONDS instead of one per transaction.", valueName: "SECONDS"))
    var blockTime: Int?
    @Option(help: ArgumentHelp("Answer 'finalized' with the block N below the head and 'safe' with N/2 (default 0).", valueName: "N"))
    var finalityDepth: Int?

    func run() async throws {
        let home = try DevnetHome.locate()
        if let pid = home.runningPID(port: options.port) {
            print("devnet already running on \(options.url) (pid \(pid))")
            return
        }
        if options.port != 0, await options.probe() != nil {
            throw CommandFailure("port \(options.port) is taken by another node")
        }
        try FileManager.default.createDirectory(at: home.state, withIntermediateDirectories: true)
        // The log starts under a name of its own: with --port 0 the port is known only once the server says it.
        let startingLog = home.state.appendingPathComponent("devnet-starting-\(ProcessInfo.processInfo.processIdentifier).log")
        guard FileManager.default.createFile(atPath: startingLog.path, contents: nil) else {
            throw CommandFailure("cannot create \(startingLog.path)")
        }
        let process = try home.process(port: options.port, blockTime: blockTime, finalityDepth: finalityDepth)
        let handle = try FileHandle(forWritingTo: startingLog)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        func fail(_ message: String) throws -> Never {
            if process.isRunning { process.terminate() }
            try? FileManager.default.removeItem(at: startingLog)
            throw CommandFailure(message)
        }
        func exited(_ log: URL) throws -> Never {
            let tail = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").last ?? "no output"
            try fail("devnet exited with status \(process.terminationStatus): \(tail)")
        }
        var port: Int?
        while port == nil {
            let text = (try? String(contentsOf: startingLog, encoding: .utf8)) ?? ""
            port = Self.listeningPort(in: text)
            if port == nil {
                guard process.isRunning else { try exited(startingLog) }
                guard ContinuousClock.now < deadline else { try fail("devnet did not start within 60 s") }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let actual = DevnetOptions(port: port!)
        let log = home.logFile(port: actual.port)
        try? FileManager.default.removeItem(at: log)
        try FileManager.default.moveItem(at: startingLog, to: log)  // the open handle follows the file
        try "\(process.processIdentifier)\n".write(to: home.pidFile(port: actual.port), atomically: true, encoding: .utf8)
        while ContinuousClock.now < deadline {
            if let chainID = await actual.probe() {
                print("devnet up on \(actual.url) (pid \(process.processIdentifier), chain \(chainID))")
                return
            }
            guard process.isRunning else {
                try? FileManager.default.removeItem(at: home.pidFile(port: actual.port))
                try exited(log)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        try? FileManager.default.removeItem(at: home.pidFile(port: actual.port))
        throw CommandFailure("devnet did not answer on \(actual.url) within 60 s; see \(log.path)")
    }

    /// The port in the server's first line, `… listening on http://127.0.0.1:PORT`.
    static func listeningPort(in log: String) -> Int? {
        guard let range = log.range(of: "listening on http://127.0.0.1:") else { return nil }
        let digits = log[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        guard log[range.upperBound...].dropFirst(digits.count).first?.isNewline == true else { return nil }
        return Int(digits)
    }
}

struct DevnetDown: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "down", abstract: "Stop the background devnet.")
    @OptionGroup var options: DevnetOptions

    func run() async throws {
        let home = try DevnetHome.locate()
        guard let pid = home.runningPID(port: options.port) else {
            print("devnet not running on port \(options.port)")
            return
        }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(10)
        while kill(pid, 0) == 0 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: home.pidFile(port: options.port))
        print("devnet stopped (pid \(pid))")
    }
}

struct DevnetStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Say whether the devnet runs; exit 0 only when it answers.")
    @OptionGroup var options: DevnetOptions

    func run() async throws {
        // Outside the checkout there is no pid file to read, but the node can still be asked.
        let pid = (try? DevnetHome.locate())?.runningPID(port: options.port)
        guard let chainID = await options.probe(), let client = try? RPCClient(url: options.url) else {
            throw CommandFailure("devnet not running on \(options.url)" + (pid.map { " (pid \($0) does not answer)" } ?? ""))
        }
        let block = try await client.blockNumber()
        print("devnet running on \(options.url)" + (pid.map { " (pid \($0))" } ?? "") + ", chain \(chainID), block \(block)")
    }
}

struct DevnetReset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Reset the running devnet to its genesis block (anvil_reset).")
    @OptionGroup var options: DevnetOptions

    func run() async throws {
        guard await options.probe() != nil else { throw CommandFailure("devnet not running on \(options.url)") }
        let client = try RPCClient(url: options.url, retryPolicy: .none)
        let _: JSONValue = try await client.call("anvil_reset")
        print("devnet reset to genesis; block \(try await client.blockNumber())")
    }
}

struct DevnetRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the devnet in the foreground (Ctrl-C stops it), for debugging.")
    @OptionGroup var options: DevnetOptions
    @Option(help: ArgumentHelp("Mine a block every SECONDS.", valueName: "SECONDS")) var blockTime: Int?
    @Option(help: ArgumentHelp("Answer 'finalized' with the block N below the head and 'safe' with N/2.", valueName: "N"))
    var finalityDepth: Int?
    @Flag(help: "Log every request to stderr.") var verbose = false

    func run() async throws {
        let process = try DevnetHome.locate().process(port: options.port, blockTime: blockTime, finalityDepth: finalityDepth)
        if verbose { process.arguments?.append("--verbose") }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ExitCode(process.terminationStatus) }
    }
}
