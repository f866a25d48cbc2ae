import Foundation

/// A vector file a test target's bundle lacks.
public struct MissingVectorFile: Error, CustomStringConvertible {
    public let name: String
    public var description: String { "no Vectors/\(name).txt in the test bundle" }
}

/// The lines of `Vectors/<name>.txt` in `bundle` (a test target's `Bundle.module`), without comment lines
/// (starting with `#`) and blank lines.
public func vectorLines(_ name: String, in bundle: Bundle) throws -> [Substring] {
    guard let url = bundle.url(forResource: name, withExtension: "txt", subdirectory: "Vectors") else {
        throw MissingVectorFile(name: name)
    }
    return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
}
