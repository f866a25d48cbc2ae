import Foundation

/// Runs a Python reference implementation (a script in `Tests/oracles/`) under the project's `.venv`, which
/// `scripts/setup` creates with pinned packages (pycryptodome, rlp, …). Scripts read one JSON value on stdin and
/// write one JSON value on stdout.
public enum PythonOracle {
    /// Why an oracle could not answer.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The repository's top directory.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$PODIUM_PYTHON`, or `.venv/bin/python` in the repository.
    public static var python: URL {
        if let path = ProcessInfo.processInfo.environment["PODIUM_PYTHON"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.appendingPathComponent(".venv/bin/python")
    }

    /// `devnet/.venv/bin/python`: the devnet's environment, which has eth-tester and py-evm.
    public static var devnetPython: URL { repositoryRoot.appendingPathComponent("devnet/.venv/bin/python") }

    /// Runs `Tests/oracles/<script>.py` with `input` as JSON on stdin and decodes its JSON answer.
    public static func call<Input: Encodable, Output: Decodable>(
        _ script: String, _ input: Input, as _: Output.Type = Output.self
    ) throws -> Output {
        try call(path: "Tests/oracles/\(script).py", python: python, input, as: Output.self)
    }

    /// Runs the script at `path` (from the repository's top) under `python` with `input` as JSON on stdin and
    /// decodes its JSON answer.
    public static func call<Input: Encodable, Output: Decodable>(
        path: String, python: URL, _ input: Input, as _: Output.Type = Output.self
    ) throws -> Output {
        let output = try run(path: path, python: python, stdin: JSONEncoder().encode(input))
        do {
            return try JSONDecoder().decode(Output.self, from: output)
        } catch {
            throw Failure(description: "oracle \(path) answered something unexpected: \(error)")
        }
    }

    /// `call(_:_:as:)` on a Dispatch thread, so an async test does not block Swift concurrency's threads.
    public static func call<Input: Encodable & Sendable, Output: Decodable & Sendable>(
        _ script: String, _ input: Input, as _: Output.Type = Output.self
    ) async throws -> Output {
        try await offPool { try call(script, input, as: Output.self) }
    }

    /// `call(path:python:_:as:)` on a Dispatch thread.
    public static func call<Input: Encodable & Sendable, Output: Decodable & Sendable>(
        path: String, python: URL, _ input: Input, as _: Output.Type = Output.self
    ) async throws -> Output {
        try await offPool { try call(path: path, python: python, input, as: Output.self) }
    }

    /// Runs `Tests/oracles/<script>.py` with `arguments` after the script's path and `input` as JSON on stdin, on a
    /// Dispatch thread, and decodes its JSON answer: for scripts that write a file named on their command line.
    public static func call<Input: Encodable & Sendable, Output: Decodable & Sendable>(
        _ script: String, arguments: [String], _ input: Input, as _: Output.Type = Output.self
    ) async throws -> Output {
        try await offPool {
            let path = "Tests/oracles/\(script).py"
            let output = try run(path: path, python: python, stdin: JSONEncoder().encode(input), arguments: arguments)
            do {
                return try JSONDecoder().decode(Output.self, from: output)
            } catch {
                throw Failure(description: "oracle \(path) answered something unexpected: \(error)")
            }
        }
    }

    /// `run(_:stdin:)` on a Dispatch thread.
    public static func run(_ script: String, stdin: Data) async throws -> Data {
        try await offPool { try run(script, stdin: stdin) }
    }

    /// Runs `Tests/oracles/<script>.py` with `stdin` and returns its stdout (blocking: for synchronous fixtures).
    public static func run(_ script: String, stdin: Data) throws -> Data {
        try run(path: "Tests/oracles/\(script).py", python: python, stdin: stdin)
    }

    /// Runs the script at `path` (from the repository's top) under `python` with `stdin`, and `arguments` after the
    /// script's path, and returns its stdout.
    public static func run(path: String, python: URL, stdin: Data, arguments: [String] = []) throws -> Data {
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Failure(description: "no Python at \(python.path): run `make test` (scripts/setup creates it)")
        }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString).json")
        try stdin.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }

        let process = Process()
        process.executableURL = python
        process.arguments = [repositoryRoot.appendingPathComponent(path).path] + arguments
        process.standardInput = try FileHandle(forReadingFrom: input)
        let (output, errors) = try process.runCollectingOutput()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "oracle \(path) failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return output
    }
}
