import Foundation
import PodiumTestSupport

/// Debian's `chromium` run headless on one local page: each run gets a fresh profile directory (removed after), runs
/// under coreutils' `timeout` in its own process group (so the browser and its helpers are killed together when it
/// overruns), and any process still naming the profile afterwards is killed by its id.
enum HeadlessChromium {
    /// `$PODIUM_CHROMIUM`, else the first `chromium` on `$PATH` or in /usr/bin; nil when there is none.
    static let executable: URL? = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["PODIUM_CHROMIUM"] { return URL(fileURLWithPath: path) }
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        return directories.map { URL(fileURLWithPath: $0).appendingPathComponent("chromium") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Why the browser tests cannot run here, for the skip's record.
    static let missing = "no chromium on PATH or in /usr/bin: `make test` installs it (scripts/setup --browser)"

    /// The error `run` throws without a browser.
    struct Missing: Error, CustomStringConvertible {
        var description: String { HeadlessChromium.missing }
    }

    /// What one run printed, and the browser processes that outlived it (killed, but a test should fail on them).
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
        let survivors: [Int32]

        /// The page's console messages, as `--enable-logging=stderr` reports them.
        var consoleLines: [Substring] { stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") } }
    }

    /// Runs `chromium --headless … arguments… page` with at most `seconds` before it is killed.
    static func run(_ arguments: [String], page: URL, seconds: Int = 20) async throws -> Run {
        guard let executable else { throw Missing() }
        return try await offPool {
            let profile = FileManager.default.temporaryDirectory.appendingPathComponent("podium-chromium-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: profile) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
            process.arguments = ["--kill-after=3", "\(seconds)", executable.path] + [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-crash-reporter", "--disable-breakpad",
                "--enable-logging=stderr", "--v=0",
            ] + arguments + [page.absoluteString]
            process.standardInput = FileHandle.nullDevice
            let (stdout, stderr) = try process.runCollectingOutput()
            let survivors = processes(naming: profile.path)
            for pid in survivors { kill(pid, SIGKILL) }
            return Run(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self), survivors: survivors
            )
        }
    }

    /// The ids of live processes whose command line contains `text`.
    private static func processes(naming text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                let state = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                !state.contains(") Z ")
            else { return false }
            return String(decoding: line, as: UTF8.self).contains(text)
        }
    }
}
