import Dispatch

/// Runs blocking work (a child process's pipes, `waitUntilExit`) on a Dispatch thread and awaits its result, so it
/// never holds one of Swift concurrency's few threads and suites really run side by side.
public func offPool<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Swift.Result { try body() }) }
    }
}
