import PodiumPrimitives

extension SignInWithEthereumMessage {
    /// Parses a message in the exact format of EIP-4361's ABNF: lines separated by LF alone, no line break after
    /// the last field, the address in its EIP-55 checksummed form, and each field as `init(scheme:…)` checks it.
    public init(parsing text: String) throws(SignInWithEthereumError) {
        var lines = Lines(text)
        let header = try lines.next(expected: "\"<domain>\(Self.header)\"")
        guard header.hasSuffix(Self.header) else {
            throw .malformedLine(1, expected: "\"<domain>\(Self.header)\"")
        }
        let origin = header.dropLast(Self.header.count)
        let separator = origin.firstRange(of: "://")
        let scheme = separator.map { String(origin[..<$0.lowerBound]) }
        let domain = String(separator.map { origin[$0.upperBound...] } ?? origin)

        let address = try Self.checksummedAddress(lines.next(expected: "the address"))
        try lines.empty()
        // No statement is two empty lines before URI; an empty statement is three.
        var statement: String?
        let afterAddress = try lines.next(expected: "a statement or an empty line")
        if !(afterAddress.isEmpty && lines.peek()?.hasPrefix("URI: ") == true) {
            statement = String(afterAddress)
            try lines.empty()
        }

        let uri = try lines.field("URI: ")
        let version = try lines.field("Version: ")
        guard version == "1" else { throw .unsupportedVersion(String(version)) }
        let chainText = try lines.field("Chain ID: ")
        guard let chainID = ChainID(chainText), String(chainID) == chainText else {
            throw .invalidChainID(String(chainText))
        }
        let nonce = try lines.field("Nonce: ")
        let issuedAt = try Timestamp(rfc3339: String(lines.field("Issued At: ")))
        let time = { (text: Substring) throws(SignInWithEthereumError) in try Timestamp(rfc3339: String(text)) }
        let expirationTime = try lines.optionalField("Expiration Time: ").map(time)
        let notBefore = try lines.optionalField("Not Before: ").map(time)
        let requestID = lines.optionalField("Request ID: ").map(String.init)
        var resources: [String]?
        if lines.peek() == "Resources:" {
            lines.skip()
            var list: [String] = []
            while let resource = lines.optionalField("- ") { list.append(String(resource)) }
            resources = list
        }
        if lines.peek() != nil { throw .unexpectedLine(lines.number + 1) }

        try self.init(
            scheme: scheme, domain: domain, address: address, statement: statement, uri: String(uri),
            chainID: chainID, nonce: String(nonce), issuedAt: issuedAt, expirationTime: expirationTime,
            notBefore: notBefore, requestID: requestID, resources: resources)
    }

    /// The address in `text`, which must be `0x` and 40 hex digits in their EIP-55 letter case.
    private static func checksummedAddress(_ text: Substring) throws(SignInWithEthereumError) -> Address {
        guard text.hasPrefix("0x"), let address = try? Address(hex: text, checksum: .ignore) else {
            throw .invalidAddress(String(text))
        }
        guard address.description == text else { throw .addressNotChecksummed(String(text), expected: address) }
        return address
    }
}

/// The lines of a message, read in order, with their numbers for errors.
private struct Lines {
    private let lines: [Substring]
    /// How many lines have been read: the number of the last one read.
    private(set) var number = 0

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The next line, not read yet.
    func peek() -> Substring? {
        number < lines.count ? lines[number] : nil
    }

    /// Reads the next line, which must exist.
    mutating func next(expected: String) throws(SignInWithEthereumError) -> Substring {
        guard let line = peek() else { throw .missingLine(expected: expected) }
        number += 1
        return line
    }

    /// Reads an empty line.
    mutating func empty() throws(SignInWithEthereumError) {
        guard try next(expected: "an empty line").isEmpty else {
            throw .malformedLine(number, expected: "an empty line")
        }
    }

    /// Reads the line `prefix` value and returns the value.
    mutating func field(_ prefix: String) throws(SignInWithEthereumError) -> Substring {
        let expected = "\"\(prefix)…\""
        let line = try next(expected: expected)
        guard line.hasPrefix(prefix) else { throw .malformedLine(number, expected: expected) }
        return line.dropFirst(prefix.count)
    }

    /// Reads the line `prefix` value when it is next, and returns the value.
    mutating func optionalField(_ prefix: String) -> Substring? {
        guard let line = peek(), line.hasPrefix(prefix) else { return nil }
        skip()
        return line.dropFirst(prefix.count)
    }

    /// Steps over the next line, which the caller has peeked at.
    mutating func skip() {
        number += 1
    }
}
