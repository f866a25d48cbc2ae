import Foundation

/// Starting one of the commands' HTTP services: the server runs in a task, and the command goes on once it listens.
enum ServiceLaunch {
    /// Runs `serve` (which calls its argument with the bound port once it listens) in a task and returns the task and
    /// the port; a server that cannot listen is a `CommandFailure` naming the port asked for.
    static func start(
        port: Int, _ serve: @escaping @Sendable (@escaping @Sendable (Int) -> Void) async throws -> Void
    ) async throws -> (server: Task<Void, Never>, port: Int) {
        let (listening, announce) = AsyncStream.makeStream(of: Result<Int, any Error>.self)
        let server = Task {
            do {
                try await serve { announce.yield(.success($0)) }
            } catch {
                announce.yield(.failure(error))
            }
            announce.finish()
        }
        var iterator = listening.makeAsyncIterator()
        switch await iterator.next() {
        case .success(let bound)?: return (server, bound)
        case .failure(let error)?: throw CommandFailure("cannot serve on 127.0.0.1:\(port): \(error)")
        case nil: throw CommandFailure("cannot serve on 127.0.0.1:\(port)")
        }
    }

    /// Says where a service listens, as the first line on stdout (unbuffered, so that whoever started the service
    /// reads it at once).
    static func announce(port: Int) {
        FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(port)\n".utf8))
    }
}
