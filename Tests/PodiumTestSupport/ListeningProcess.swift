import Foundation

/// A server a test starts for itself: a process whose first line on stdout (or stderr) holds the URL it listens on
/// (`… http://127.0.0.1:PORT…`). It is stopped by `stop()` or when released.
public final class ListeningProcess: @unchecked Sendable {
    /// Why the server could not start.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// `http://127.0.0.1:<port>`.
    public let url: String
    private let process: Process
    /// The server's stdin, held open for as long as this object lives: a server that stops at the end of its stdin
    /// (the devnet's --exit-with-stdin) also stops when the test process exits without calling `stop()`.
    private let input = Pipe()

    /// Runs `executable arguments…` and waits, on a Dispatch thread, for its first line on stdout (or on stderr,
    /// when `announcedOnStandardError`).
    public static func start(
        executable: URL, arguments: [String], announcedOnStandardError: Bool = false
    ) async throws -> ListeningProcess {
        try await offPool {
            try ListeningProcess(executable: executable, arguments: arguments, announcedOnStandardError: announcedOnStandardError)
        }
    }

    /// Runs `executable arguments…` and waits for its first line (blocking).
    private init(executable: URL, arguments: [String], announcedOnStandardError: Bool) throws {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw Failure(description: "\(executable.path) missing: run `make test` (scripts/setup installs it)")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = input
        let announcements = Pipe()
        process.standardOutput = announcedOnStandardError ? FileHandle.nullDevice : announcements
        process.standardError = announcedOnStandardError ? announcements : FileHandle.nullDevice
        try process.run()
        var line = Data()
        let reader = announcements.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = reader.availableData
            if chunk.isEmpty {
                process.waitUntilExit()
                throw Failure(description: "\(executable.lastPathComponent) exited (status \(process.terminationStatus)) before listening")
            }
            line.append(chunk)
        }
        let text = String(decoding: line.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard let range = text.range(of: "http://") else {
            process.terminate()
            throw Failure(description: "unexpected first line: \(text)")
        }
        self.url = String(text[range.lowerBound...])
        self.process = process
    }

    /// Stops the server: SIGTERM now, and SIGKILL 5 s later if it is still running; returns at once.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let process = self.process
        DispatchQueue.global().asyncAfter(deadline: .now() + 5) {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }

    deinit { stop() }
}

/// The devnet (`devnet/server.py` under `devnet/.venv`) on a free port, for one test or suite.
public enum TestDevnet {
    public static func start(arguments: [String] = []) async throws -> ListeningProcess {
        let root = PythonOracle.repositoryRoot
        return try await ListeningProcess.start(
            executable: PythonOracle.devnetPython,
            arguments: [root.appendingPathComponent("devnet/server.py").path, "--port", "0", "--exit-with-stdin"] + arguments)
    }
}

/// `Tests/tools/fault_proxy.py` in front of `upstream`: the first `count` requests (for `methods`, when given)
/// fail as `mode` says (status503, status429, truncate, garbage, drop, hang, rpcerror), the rest pass through.
public enum FaultProxy {
    public static func start(
        upstream: String, mode: String, count: Int, methods: [String] = []
    ) async throws -> ListeningProcess {
        let root = PythonOracle.repositoryRoot
        let filter = methods.isEmpty ? [] : [methods.joined(separator: ",")]
        return try await ListeningProcess.start(
            executable: PythonOracle.python,
            arguments: [root.appendingPathComponent("Tests/tools/fault_proxy.py").path, upstream, mode, "\(count)"] + filter)
    }
}
