import Foundation
import PodiumTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ChainCommandTests {
    /// `podium devnet up | status | reset | down` on a port the server picks, checked with the chain commands and the process
    /// table. The background server is always stopped, whatever fails.
    @Suite struct DevnetLifecycle {
        static let root = PythonOracle.repositoryRoot
        static let devnetDirectory = root.appendingPathComponent("devnet")

        @Test func upStatusResetDown() async throws {
            let closed = ClosedPort()
            let early = try await Self.run(["devnet", "status", "--port", "\(closed.port)"], in: Self.root)
            let notRunning = ChainCommandTests.expectFailure(early, ["devnet", "status"])
            #expect(notRunning.contains("not running on \(closed.url)"), "\(notRunning)")

            // --port 0: the server picks the port and says which; up reports it.
            let up = try await Self.run(["devnet", "up", "--port", "0"], in: Self.root)
            #expect(up.status == 0, "\(up.stderr)")
            let port = try #require(
                up.stdout.firstMatch(of: /^devnet up on http:\/\/127\.0\.0\.1:(\d+) \(pid \d+, chain 31337\)\n$/)
                    .flatMap { Int($0.1) }, "\(up.stdout)")
            let url = "http://127.0.0.1:\(port)"
            let state = Self.devnetDirectory.appendingPathComponent(".state")
            let pidFile = state.appendingPathComponent("devnet-\(port).pid")
            let logFile = state.appendingPathComponent("devnet-\(port).log")
            defer {
                // Whatever happened, no server outlives the test.
                if let text = try? String(contentsOf: pidFile, encoding: .utf8),
                    let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), kill(pid, 0) == 0
                {
                    kill(pid, SIGKILL)
                }
                try? FileManager.default.removeItem(at: pidFile)
                try? FileManager.default.removeItem(at: logFile)
            }
            // From the checkout, devnet/ is found in the working directory; elsewhere through $PODIUM_DEVNET_DIR.
            func here(_ arguments: [String]) async throws -> Output {
                try await Self.run(["devnet"] + arguments + ["--port", "\(port)"], in: Self.root)
            }
            func elsewhere(_ arguments: [String]) async throws -> Output {
                try await Self.run(
                    ["devnet"] + arguments + ["--port", "\(port)"], in: URL(fileURLWithPath: "/"),
                    environment: ["PODIUM_DEVNET_DIR": Self.devnetDirectory.path])
            }

            let pidText = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let pid = try #require(Int32(pidText))
            #expect(up.stdout.contains("(pid \(pid),"), "\(up.stdout)")
            #expect(kill(pid, 0) == 0)
            #expect(try await ChainCommandTests.succeed(["chain-id", "--rpc-url", url]) == "31337")

            let twice = try await elsewhere(["up"])
            #expect(twice.status == 0, "\(twice.stderr)")
            #expect(twice.stdout == "devnet already running on \(url) (pid \(pid))\n")

            let status = try await elsewhere(["status"])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout == "devnet running on \(url) (pid \(pid)), chain 31337, block 0\n")

            // One transaction, then reset back to genesis.
            let hash = try await ChainCommandTests.succeed([
                "send", ChainCommandTests.account1, "--value", "1ether", "--dev-account", "0", "--async",
                "--rpc-url", url,
            ])
            #expect(
                ChainCommandTests.fields(try await ChainCommandTests.succeed(["receipt", hash, "--rpc-url", url]))[
                    "status"] == "1 (success)")
            #expect(try await ChainCommandTests.succeed(["block-number", "--rpc-url", url]) == "1")
            #expect(try await here(["status"]).stdout.hasSuffix(", chain 31337, block 1\n"))
            let reset = try await here(["reset"])
            #expect(reset.status == 0, "\(reset.stderr)")
            #expect(reset.stdout == "devnet reset to genesis; block 0\n")
            #expect(try await ChainCommandTests.succeed(["block-number", "--rpc-url", url]) == "0")
            #expect(
                try await ChainCommandTests.succeed(["balance", ChainCommandTests.account1, "--rpc-url", url])
                    == ChainCommandTests.genesisBalance)

            let down = try await here(["down"])
            #expect(down.status == 0, "\(down.stderr)")
            #expect(down.stdout == "devnet stopped (pid \(pid))\n")
            #expect(kill(pid, 0) != 0, "pid \(pid) still alive")
            #expect(!FileManager.default.fileExists(atPath: pidFile.path))

            let after = ChainCommandTests.expectFailure(try await here(["status"]), ["devnet", "status"])
            #expect(after.contains("not running on \(url)"), "\(after)")
            _ = try await ChainCommandTests.fail(["chain-id", "--rpc-url", url])
            let again = try await here(["down"])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout == "devnet not running on port \(port)\n")
        }

        /// Outside a checkout and without $PODIUM_DEVNET_DIR there is no devnet to start.
        @Test func upOutsideTheCheckoutSaysWhy() async throws {
            let result = try await Self.run(["devnet", "up", "--port", "0"], in: URL(fileURLWithPath: "/"))
            let message = ChainCommandTests.expectFailure(result, ["devnet", "up"])
            #expect(message.contains("devnet/server.py not found"), "\(message)")
        }

        /// Reset with no node on the port fails in one line.
        @Test func resetWithoutANode() async throws {
            let closed = ClosedPort()
            let result = try await Self.run(["devnet", "reset", "--port", "\(closed.port)"], in: Self.root)
            let message = ChainCommandTests.expectFailure(result, ["devnet", "reset"])
            #expect(message == "devnet not running on \(closed.url)", "\(message)")
        }

        /// A pid file left behind whose number now belongs to another process: down signals nothing, status asks
        /// the port, up notices the stale file and starts.
        @Test func aStalePidFileIsNeverSignalled() async throws {
            let closed = ClosedPort()
            let state = Self.devnetDirectory.appendingPathComponent(".state")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            let pidFile = state.appendingPathComponent("devnet-\(closed.port).pid")
            let bystander = Process()
            bystander.executableURL = URL(fileURLWithPath: "/bin/sleep")
            bystander.arguments = ["60"]
            try bystander.run()
            defer {
                bystander.terminate()
                try? FileManager.default.removeItem(at: pidFile)
            }
            try "\(bystander.processIdentifier)\n".write(to: pidFile, atomically: true, encoding: .utf8)
            let down = try await Self.run(["devnet", "down", "--port", "\(closed.port)"], in: Self.root)
            #expect(down.status == 0 && down.stdout == "devnet not running on port \(closed.port)\n", "\(down.stderr)")
            #expect(bystander.isRunning && kill(bystander.processIdentifier, 0) == 0)
            #expect(!FileManager.default.fileExists(atPath: pidFile.path))

            // Outside the checkout, status still asks the port.
            let status = try await Self.run(["devnet", "status", "--port", "\(closed.port)"], in: URL(fileURLWithPath: "/"))
            #expect(ChainCommandTests.expectFailure(status, ["devnet", "status"]) == "devnet not running on \(closed.url)")
        }

        /// Runs podium in `directory` with the test's environment less $PODIUM_DEVNET_DIR, plus `environment`.
        static func run(
            _ arguments: [String], in directory: URL, environment: [String: String] = [:]
        ) async throws -> Output {
            var inherited = ProcessInfo.processInfo.environment
            inherited["PODIUM_DEVNET_DIR"] = nil
            return Output(try await PodiumProcess.run(
                arguments, directory: directory, environment: inherited.merging(environment) { $1 }))
        }
    }
}
