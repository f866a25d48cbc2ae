import Foundation
import Testing

/// The lines of a file in Vectors/, without comments and blank lines.
func vectorLines(_ name: String) throws -> [Substring] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Vectors"))
    return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
}
