import Foundation

/// Runs the built `podium` executable as a user would, capturing its output and exit status.
public enum PodiumProcess {
    /// What one run printed and how it ended.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String

        /// A run that ended with `status` after printing `stdout` and `stderr`.
        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// The `podium` binary next to the test bundle in the build folder.
    public static var executable: URL {
        var directory = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("podium").path) {
            let parent = directory.deletingLastPathComponent()
            precondition(parent != directory, "podium executable not found next to the tests; run `swift build`")
            directory = parent
        }
        return directory.appendingPathComponent("podium")
    }

    /// Runs `podium arguments…` and waits for it: in `directory` when given, with exactly `environment` when given
    /// (else the test's own), reading `stdin` (nothing, as from /dev/null, by default).
    public static func run(
        _ arguments: [String], directory: URL? = nil, environment: [String: String]? = nil, stdin: Data = Data()
    ) async throws -> Result {
        try await offPool { try runBlocking(arguments, directory: directory, environment: environment, stdin: stdin) }
    }

    /// `run` on the calling thread: starts the process, drains both pipes at once (so a full pipe never blocks the
    /// child) and waits for it to exit.
    private static func runBlocking(
        _ arguments: [String], directory: URL?, environment: [String: String]?, stdin: Data
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("podium-stdin-\(UUID().uuidString)")
        try stdin.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        process.standardInput = try FileHandle(forReadingFrom: input)
        let (out, err) = try process.runCollectingOutput()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self)
        )
    }
}

extension Process {
    /// Starts the process, reads its stdout and stderr to the end at once (so a full pipe never blocks the child)
    /// and waits for it to exit; blocking, so call it off the concurrency pool (`offPool`).
    public func runCollectingOutput() throws -> (stdout: Data, stderr: Data) {
        let stdout = Pipe(), stderr = Pipe()
        standardOutput = stdout
        standardError = stderr
        try run()
        let errorsRead = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var errors = Data()
        DispatchQueue.global().async {
            errors = stderr.fileHandleForReading.readDataToEndOfFile()
            errorsRead.signal()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        errorsRead.wait()
        waitUntilExit()
        return (output, errors)
    }
}
