/// The RFC 3986 productions a Sign-In with Ethereum message uses (EIP-4361, "ABNF Message Format"): scheme,
/// authority, URI, pchar, and the statement's characters. ASCII only, as RFC 3986 is.
enum SignInWithEthereumSyntax {
    /// `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
    static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, isAlpha(first) else { return false }
        return text.utf8.allSatisfy { isAlpha($0) || isDigit($0) || "+-.".utf8.contains($0) }
    }

    /// `authority = [ userinfo "@" ] host [ ":" port ]`, with a host that is not empty when `requireHost`.
    static func isAuthority(_ text: Substring, requireHost: Bool) -> Bool {
        var rest = text
        if let at = rest.firstIndex(of: "@") {
            // userinfo = *( unreserved / pct-encoded / sub-delims / ":" )
            let userinfo = { (byte: UInt8) in isUnreserved(byte) || isSubDelimiter(byte) || byte == UInt8(ascii: ":") }
            guard isEncoded(rest[..<at], allowing: userinfo) else { return false }
            rest = rest[rest.index(after: at)...]
        }
        let host: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return false }
            host = rest[...close]
            guard isIPLiteral(rest[rest.index(after: rest.startIndex)..<close]) else { return false }
            rest = rest[rest.index(after: close)...]
        } else {
            let colon = rest.lastIndex(of: ":") ?? rest.endIndex
            host = rest[..<colon]
            // reg-name = *( unreserved / pct-encoded / sub-delims ); IPv4address is one of its spellings.
            guard isEncoded(host, allowing: { isUnreserved($0) || isSubDelimiter($0) }) else { return false }
            rest = rest[colon...]
        }
        if !rest.isEmpty {
            // ":" port, port = *DIGIT
            guard rest.first == ":", rest.utf8.dropFirst().allSatisfy(isDigit) else { return false }
        }
        return !requireHost || !host.isEmpty
    }

    /// `URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]`, where hier-part is `"//" authority` and a
    /// path of `/`-separated pchar segments, or a path alone (which cannot start with `//`).
    static func isURI(_ text: Substring) -> Bool {
        guard let colon = text.firstIndex(of: ":"), isScheme(text[..<colon]) else { return false }
        var rest = text[text.index(after: colon)...]
        let queryOrFragment = { (byte: UInt8) in
            isPathCharacter(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?")
        }
        if let hash = rest.firstIndex(of: "#") {
            guard isEncoded(rest[rest.index(after: hash)...], allowing: queryOrFragment) else { return false }
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            guard isEncoded(rest[rest.index(after: question)...], allowing: queryOrFragment) else { return false }
            rest = rest[..<question]
        }
        if rest.hasPrefix("//") {
            let authorityStart = rest.index(rest.startIndex, offsetBy: 2)
            let pathStart = rest[authorityStart...].firstIndex(of: "/") ?? rest.endIndex
            guard isAuthority(rest[authorityStart..<pathStart], requireHost: false) else { return false }
            rest = rest[pathStart...]
        }
        return isEncoded(rest, allowing: { isPathCharacter($0) || $0 == UInt8(ascii: "/") })
    }

    /// `*pchar`, as a request id is.
    static func isPathCharacters(_ text: Substring) -> Bool {
        isEncoded(text, allowing: isPathCharacter)
    }

    /// The first character of `statement` that is not `reserved`, `unreserved` or a space, or nil.
    static func invalidStatementCharacter(_ statement: Substring) -> Character? {
        statement.first { character in
            guard let ascii = character.asciiValue else { return true }
            return !(isUnreserved(ascii) || isSubDelimiter(ascii) || ":/?#[]@ ".utf8.contains(ascii))
        }
    }

    /// True when every byte of `text` is allowed by `allowed` or starts a `%` and two hex digits.
    private static func isEncoded(_ text: Substring, allowing allowed: (UInt8) -> Bool) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else {
                    return false
                }
                index += 3
            } else {
                guard allowed(bytes[index]) else { return false }
                index += 1
            }
        }
        return true
    }

    /// `IP-literal` without its brackets: `IPv6address / IPvFuture`.
    private static func isIPLiteral(_ text: Substring) -> Bool {
        if text.first == "v" || text.first == "V" {
            // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
            guard let dot = text.firstIndex(of: ".") else { return false }
            let version = text[text.index(after: text.startIndex)..<dot], rest = text[text.index(after: dot)...]
            return !version.isEmpty && version.utf8.allSatisfy(isHexDigit) && !rest.isEmpty
                && rest.utf8.allSatisfy { isUnreserved($0) || isSubDelimiter($0) || $0 == UInt8(ascii: ":") }
        }
        return isIPv6(text)
    }

    /// RFC 3986's `IPv6address`: eight groups of 1 to 4 hex digits, the last two of which may be an IPv4 address,
    /// with at most one `::` standing for one or more zero groups.
    private static func isIPv6(_ text: Substring) -> Bool {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (h, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if h == halves.count - 1 && i == parts.count - 1 && part.contains(".") {
                    guard isIPv4(part) else { return false }
                    groups += 2
                } else {
                    guard (1...4).contains(part.utf8.count) && part.utf8.allSatisfy(isHexDigit) else { return false }
                    groups += 1
                }
            }
        }
        return halves.count == 2 ? groups <= 7 : groups == 8
    }

    /// `IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet`, octets 0 to 255 without leading zeros.
    private static func isIPv4(_ text: Substring) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { octet in
            guard let value = Int(octet), (0...255).contains(value) else { return false }
            return String(value) == octet
        }
    }

    /// `pchar = unreserved / pct-encoded / sub-delims / ":" / "@"`, but for the `%` of pct-encoded.
    private static func isPathCharacter(_ byte: UInt8) -> Bool {
        isUnreserved(byte) || isSubDelimiter(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@")
    }

    /// `unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"`.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        isAlpha(byte) || isDigit(byte) || "-._~".utf8.contains(byte)
    }

    /// `sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="`.
    private static func isSubDelimiter(_ byte: UInt8) -> Bool {
        "!$&'()*+,;=".utf8.contains(byte)
    }

    private static func isAlpha(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
}
