import ArgumentParser
import PodiumPrimitives

/// A command-line input that could not be read, reported as one line naming the argument and the reason.
struct InvalidArgument: Error, CustomStringConvertible {
    let what: String
    let text: String
    let reason: any Error

    var description: String { "invalid \(what) \"\(text)\": \(reason)" }
}

/// Reads `text` with `parse`, turning its error into an `InvalidArgument` that names `what`.
func parseArgument<T>(_ what: String, _ text: String, _ parse: (String) throws -> T) throws -> T {
    do {
        return try parse(text)
    } catch {
        throw InvalidArgument(what: what, text: text, reason: error)
    }
}

/// Data given as cast takes it: `0x`-prefixed hex is bytes, anything else UTF-8 text.
enum BytesArgument {
    static func parse(_ text: String) throws -> [UInt8] {
        guard Hex.hasPrefix(text) else { return Array(text.utf8) }
        return try parseArgument("hex data", text) { try Hex.decode($0) }
    }
}
