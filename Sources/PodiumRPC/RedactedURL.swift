/// A node URL as it may be shown: user, password, query values and key-like path segments (`/v3/<key>`) masked,
/// so an API key in the URL never reaches output, logs or errors.
public struct RedactedURL: Hashable, Sendable, CustomStringConvertible {
    /// The masked text.
    public let description: String

    /// The masked form of `url`.
    public init(_ url: String) {
        var rest = Substring(url)
        var text = ""
        if let scheme = rest.range(of: "://") {
            text += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
        }
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            text += "***@"
            authority = authority[authority.index(after: at)...]
        }
        text += authority
        rest = rest[authorityEnd...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let query = rest.firstIndex(of: "?").map { rest[$0...].dropFirst() }
        let path = rest[..<(rest.firstIndex(of: "?") ?? rest.endIndex)]
        text += path.split(separator: "/", omittingEmptySubsequences: false)
            .map { Self.looksLikeKey($0) ? "***" : String($0) }.joined(separator: "/")
        if let query {
            text += "?" + query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
                pair.firstIndex(of: "=").map { pair[..<$0] + "=***" } ?? "***"
            }.joined(separator: "&")
        }
        description = text
    }

    /// A path segment of 20 or more letters, digits, `-` and `_`, as providers' keys are.
    private static func looksLikeKey(_ segment: Substring) -> Bool {
        segment.count >= 20 && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
