import Foundation
import PodiumPrimitives

extension PrivateKey {
    /// Parses 64 hex digits, with or without `0x`, surrounding whitespace ignored; errors never quote the text.
    public init(hex text: some StringProtocol) throws(SignerError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes: [UInt8]
        do throws(HexError) {
            bytes = try Hex.decode(trimmed, count: 32)
        } catch {
            // Only the offset of a bad character is kept, never the character: it is part of the key.
            if case .invalidCharacter(_, let offset) = error { throw .privateKeyInvalidCharacter(offset: offset) }
            throw .privateKeyWrongDigitCount(trimmed.utf8.count - (Hex.hasPrefix(trimmed) ? 2 : 0))
        }
        try self.init(bytes)
    }

    /// The key in hex in the environment variable `name` (as `PODIUM_PRIVATE_KEY=0x…`).
    public init(environment name: String,
                in environment: [String: String] = ProcessInfo.processInfo.environment) throws(SignerError) {
        guard let value = environment[name] else { throw .environmentVariableNotSet(name) }
        try self.init(hex: value)
    }

    /// The key in hex in the file at `path` (one line, surrounding whitespace ignored).
    public init(contentsOfFile path: String) throws(SignerError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableKeyFile(path: path, reason: (error as NSError).localizedDescription)
        }
        try self.init(hex: String(decoding: data, as: UTF8.self))
    }
}
