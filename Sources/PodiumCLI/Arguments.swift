import Foundation
import ArgumentParser
import PodiumPrimitives

/// A command-line input that could not be read, reported as one line naming the argument and the reason.
struct InvalidArgument: Error, CustomStringConvertible {
    let what: String
    let text: String
    let reason: any Error

    var description: String { "invalid \(what) \(Self.quoted(text)): \(reason)" }

    /// `text` in quotes, or for a long one its first 60 characters and its length.
    static func quoted(_ text: String) -> String {
        text.count <= 80 ? "\"\(text)\"" : "\"\(text.prefix(60))…\" (\(text.utf8.count) bytes)"
    }
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

/// A file named on the command line, read whole; an error names the file and the reason (no such file, a
/// directory, no permission, empty).
enum FileArgument {
    static func read(_ path: String, what: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("cannot read \(what) \(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CommandFailure("cannot read \(what) \(path): it is a directory") }
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read \(what) \(path): permission denied")
        }
        guard !data.isEmpty else { throw CommandFailure("\(what) \(path) is empty") }
        return Array(data)
    }
}

/// An argument that may come from standard input instead, as cast's do: when it is `-`, or left out while stdin is
/// a pipe or a file rather than a terminal.
enum StdinArgument {
    /// The most read from stdin: larger input is refused rather than held in memory.
    static let maximumBytes = 64 << 20

    /// The argument's bytes: given, or read from stdin with one final line break removed.
    static func bytes(_ given: String?, what: String) throws -> [UInt8] {
        if let given, given != "-" { return Array(given.utf8) }
        guard given == "-" || isatty(STDIN_FILENO) == 0 else { throw ValidationError("missing \(what) (or pipe it to stdin)") }
        var data = FileHandle.standardInput.readData(ofLength: maximumBytes + 1)
        guard data.count <= maximumBytes else { throw CommandFailure("\(what) on stdin is larger than \(maximumBytes) bytes") }
        if data.last == UInt8(ascii: "\n") { data.removeLast() }
        if data.last == UInt8(ascii: "\r") { data.removeLast() }
        return Array(data)
    }

    /// The argument as text, given or from stdin with surrounding whitespace removed; stdin must be UTF-8.
    static func text(_ given: String?, what: String) throws -> String {
        if let given, given != "-" { return given }
        guard let text = String(validating: try bytes(given, what: what), as: UTF8.self) else {
            throw CommandFailure("\(what) on stdin is not UTF-8 text")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
