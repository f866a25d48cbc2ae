import PodiumPrimitives

/// Why a standings file was refused: every problem found in it, in file order. A file with any problem yields no
/// standings at all.
public struct StandingsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The problems, at least one, in the order of the file.
    public let problems: [StandingsProblem]

    /// An error made of `problems`.
    public init(problems: [StandingsProblem]) { self.problems = problems }

    /// The problems, one per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// One problem in a standings file: where, which field, and what is wrong.
public struct StandingsProblem: Equatable, Sendable, CustomStringConvertible {
    /// Where a problem lies.
    public enum Location: Hashable, Sendable {
        /// The file as a whole.
        case file
        /// A line of a CSV file, counting from 1 (the header is line 1); a quoted field spanning lines is reported
        /// at the line its row starts on.
        case line(Int)
        /// An element of a JSON array, counting from 0.
        case index(Int)
    }

    /// What is wrong.
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        /// The file is not UTF-8 text.
        case notUTF8
        /// The file has no rows, not even a header.
        case empty
        /// The CSV header is not `player,wallet,score,reached_at`, optionally followed by `period` and `board`;
        /// carries the line found.
        case wrongHeader(found: String)
        /// A CSV row with a number of fields other than the header's; carries the count found and the header's.
        case wrongFieldCount(Int, expected: Int)
        /// A quoted CSV field that never closes.
        case unterminatedQuote
        /// A character after a CSV field's closing quote other than a comma or a line break.
        case textAfterQuote
        /// A quote inside an unquoted CSV field.
        case quoteInUnquotedField
        /// The JSON does not parse.
        case invalidJSON(JSONParseError)
        /// The JSON is not an array.
        case notAnArray
        /// A JSON element that is not an object.
        case notAnObject
        /// A JSON object without this field.
        case missingField
        /// A JSON key that is not one of the fields.
        case unknownField(String)
        /// A JSON value of the wrong type; carries what was expected.
        case wrongType(expected: String)
        /// An empty player id.
        case emptyPlayer
        /// A wallet that is not an address (or mixed case with a wrong EIP-55 checksum).
        case invalidAddress(AddressError)
        /// A score that is not a non-negative integer below 2²⁵⁶.
        case invalidScore(IntegerParseError)
        /// A `reached_at` that is not an RFC 3339 UTC time.
        case invalidTimestamp(TimestampError)
        /// A `board` other than `daily` or `weekly`.
        case invalidBoard(String)
        /// A `period` that does not parse, does not exist, or is not of the row's board.
        case invalidPeriod(PeriodError)
        /// The period given for the whole file belongs to the other board than this row's.
        case periodOfOtherBoard(String, board: Board)

        /// One line naming the problem.
        public var description: String {
            switch self {
            case .notUTF8: "not UTF-8 text"
            case .empty: "no header line: expected \(StandingField.csvHeader)"
            case .wrongHeader(let found):
                "header must be \(StandingField.csvHeader) (then optionally period and board), found \(Self.quoted(found))"
            case .wrongFieldCount(let count, let expected): "expected \(expected) fields, found \(count)"
            case .unterminatedQuote: "a quoted field is never closed"
            case .textAfterQuote: "text after a closing quote"
            case .quoteInUnquotedField: "a quote inside an unquoted field"
            case .invalidJSON(let error): "\(error)"
            case .notAnArray: "expected a JSON array of standings"
            case .notAnObject: "expected an object with player, wallet, score and reached_at"
            case .missingField: "missing"
            case .unknownField(let key): "unknown field \(Self.quoted(key))"
            case .wrongType(let expected): "expected \(expected)"
            case .emptyPlayer: "empty player id"
            case .invalidAddress(let error): "\(error)"
            case .invalidScore(let error): "\(error)"
            case .invalidTimestamp(let error): "\(error)"
            case .invalidBoard(let text): "expected daily or weekly, found \(Self.quoted(text))"
            case .invalidPeriod(let error): "\(error)"
            case .periodOfOtherBoard(let period, let board): "\(period) is not a \(board.rawValue) period"
            }
        }

        /// `text` in quotes, cut to its first 40 characters when longer.
        static func quoted(_ text: String) -> String {
            text.count <= 60 ? text.debugDescription : String(text.prefix(40)).debugDescription + "… (\(text.count) characters)"
        }
    }

    /// Where the problem is.
    public let location: Location
    /// The field it is in, when it is in one.
    public let field: StandingField?
    /// What is wrong.
    public let reason: Reason

    /// A problem at `location`, in `field` if given.
    public init(_ location: Location, field: StandingField? = nil, _ reason: Reason) {
        (self.location, self.field, self.reason) = (location, field, reason)
    }

    /// `line 3: score: number has no digits`, `[2]: wallet: missing`, `standings: not UTF-8 text`.
    public var description: String {
        let place = switch location {
        case .file: "standings"
        case .line(let line): "line \(line)"
        case .index(let index): "[\(index)]"
        }
        return [place, field?.rawValue, reason.description].compactMap { $0 }.joined(separator: ": ")
    }
}
