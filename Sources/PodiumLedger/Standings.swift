import PodiumPrimitives

/// Reads standings files: CSV with the header `player,wallet,score,reached_at`, or a JSON array of objects with
/// those four keys. Every row is checked, every problem is reported with its line (CSV) or index (JSON) and field,
/// and a file with any problem yields nothing.
///
/// Fields: `player` is non-empty text; `wallet` is 40 hex digits after an optional `0x`, lowercase, uppercase or
/// EIP-55 checksummed (mixed case with a wrong checksum is refused); `score` is a decimal integer from 0 to
/// 2²⁵⁶ − 1 (in JSON a number without fraction or exponent, or a string of digits); `reached_at` is an RFC 3339
/// UTC time (`2026-11-20T13:45:00Z`, fractional seconds allowed).
public enum Standings {
    /// The file's standings, read as JSON when its first non-blank character is `[`, else as CSV. Optional `period`
    /// and `board` columns are checked (a period must exist and match the row's board) but not returned.
    public static func read(_ bytes: some Collection<UInt8>) throws(StandingsError) -> [Standing] {
        try readRows(bytes, resolving: nil).map(\.standing)
    }

    /// The file's rows, each with where it is in the file and the board and period it belongs to: the row's own
    /// `board` and `period` columns, else `board` and `period` given for the whole file. A row left without a board
    /// or a period, a period that does not parse, or one that is not of the row's board is a problem of that row.
    public static func read(
        _ bytes: some Collection<UInt8>, board: Board?, period: Period?
    ) throws(StandingsError) -> [StandingsRow] {
        try readRows(bytes, resolving: Defaults(board: board ?? period?.board, period: period))
    }

    /// The standings of a CSV file (RFC 4180: quoted fields, `""` for a quote, LF or CRLF line ends; blank lines
    /// and a leading byte-order mark are ignored).
    public static func readCSV(_ bytes: some Collection<UInt8>) throws(StandingsError) -> [Standing] {
        try readCSV(bytes, resolving: nil).map(\.standing)
    }

    /// The standings of a JSON array of `{"player", "wallet", "score", "reached_at"}` objects.
    public static func readJSON(_ bytes: some Collection<UInt8>) throws(StandingsError) -> [Standing] {
        try readJSON(bytes, resolving: nil).map(\.standing)
    }

    /// The rows, resolving their board and period against `defaults` when given.
    static func readRows(_ bytes: some Collection<UInt8>, resolving defaults: Defaults?) throws(StandingsError) -> [StandingsRow] {
        let first = bytes.drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }.first
        return first == UInt8(ascii: "[") ? try readJSON(bytes, resolving: defaults) : try readCSV(bytes, resolving: defaults)
    }

    static func readCSV(_ bytes: some Collection<UInt8>, resolving defaults: Defaults?) throws(StandingsError) -> [StandingsRow] {
        var text = Array(bytes)
        guard String(validating: text, as: UTF8.self) != nil else {
            throw StandingsError(problems: [StandingsProblem(.file, .notUTF8)])
        }
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst(3) }
        var records = CSVRecords(text)
        var problems: [StandingsProblem] = []
        var rows: [StandingsRow] = []
        var columns: [StandingField]?
        while let record = records.next() {
            switch record {
            case .problem(let problem):
                problems.append(problem)
            case .fields(let line, let fields):
                guard let columns else {
                    let required = StandingField.required.map(\.rawValue)
                    let extra = fields.dropFirst(required.count).compactMap(StandingField.init(rawValue:))
                    guard fields.starts(with: required), extra.count == fields.count - required.count,
                        extra.allSatisfy(StandingField.optional.contains), Set(extra).count == extra.count
                    else {
                        let found = fields.joined(separator: ",")
                        throw StandingsError(problems: [StandingsProblem(.line(line), .wrongHeader(found: found))])
                    }
                    columns = StandingField.required + extra
                    continue
                }
                guard fields.count == columns.count else {
                    problems.append(StandingsProblem(.line(line), .wrongFieldCount(fields.count, expected: columns.count)))
                    continue
                }
                var values: [StandingField: JSONValue] = [:]
                for (field, value) in zip(columns, fields) where !(StandingField.optional.contains(field) && value.isEmpty) {
                    values[field] = .string(value)
                }
                let reader = RowReader(location: .line(line), defaults: defaults)
                if let row = reader.row(values, into: &problems) { rows.append(row) }
            }
        }
        if columns == nil { problems.append(StandingsProblem(.file, .empty)) }
        guard problems.isEmpty else { throw StandingsError(problems: problems) }
        return rows
    }

    static func readJSON(_ bytes: some Collection<UInt8>, resolving defaults: Defaults?) throws(StandingsError) -> [StandingsRow] {
        let value: JSONValue
        do {
            value = try JSONValue(json: bytes)
        } catch {
            throw StandingsError(problems: [StandingsProblem(.file, .invalidJSON(error))])
        }
        guard case .array(let elements) = value else {
            throw StandingsError(problems: [StandingsProblem(.file, .notAnArray)])
        }
        var problems: [StandingsProblem] = []
        var rows: [StandingsRow] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let members) = element else {
                problems.append(StandingsProblem(.index(index), .notAnObject))
                continue
            }
            var values: [StandingField: JSONValue] = [:]
            for key in members.keys.sorted() {
                guard let field = StandingField(rawValue: key) else {
                    problems.append(StandingsProblem(.index(index), .unknownField(key)))
                    continue
                }
                values[field] = members[key]
            }
            let reader = RowReader(location: .index(index), defaults: defaults)
            if let row = reader.row(values, into: &problems) { rows.append(row) }
        }
        guard problems.isEmpty else { throw StandingsError(problems: problems) }
        return rows
    }

    /// The board and period given for a whole file, resolved per row.
    struct Defaults {
        let board: Board?
        let period: Period?
    }
}

/// One row of a standings file: the standing, where it is, and the board and period it belongs to.
public struct StandingsRow: Hashable, Sendable {
    /// The entry.
    public let standing: Standing
    /// Its place in the file: a CSV line (the header is line 1) or a JSON index (from 0).
    public let location: StandingsProblem.Location
    /// Its board (its own column, else the file's), or nil when none was asked for.
    public let board: Board?
    /// Its period (its own column, else the file's), or nil when none was asked for.
    public let period: Period?

    /// A row as given.
    public init(standing: Standing, location: StandingsProblem.Location, board: Board?, period: Period?) {
        (self.standing, self.location, self.board, self.period) = (standing, location, board, period)
    }

    /// The CSV line, or the JSON index plus one: a positive number for the row.
    public var sourceLine: Int {
        switch location {
        case .line(let line): line
        case .index(let index): index + 1
        case .file: 0
        }
    }
}

/// Checks the fields of one row, adding a problem for each bad one.
private struct RowReader {
    let location: StandingsProblem.Location
    /// When given, the row must end up with a board and a period.
    let defaults: Standings.Defaults?

    /// The row, or nil after adding its problems to `problems`.
    func row(_ values: [StandingField: JSONValue], into problems: inout [StandingsProblem]) -> StandingsRow? {
        let count = problems.count
        let standing = standing(
            player: values[.player], wallet: values[.wallet], score: values[.score], reachedAt: values[.reachedAt],
            into: &problems)
        var board: Board? = defaults?.board
        var boardValid = true
        if let value = values[.board] {
            if let text = text(value, .board, into: &problems) {
                if let parsed = Board(rawValue: text) {
                    board = parsed
                } else {
                    problems.append(StandingsProblem(location, field: .board, .invalidBoard(text)))
                    boardValid = false
                }
            } else {
                boardValid = false
            }
        }
        var period: Period?
        if let value = values[.period] {
            if let text = text(value, .period, into: &problems) {
                do throws(PeriodError) {
                    period = try Period(parsing: text, board: boardValid ? board : nil)
                } catch {
                    problems.append(StandingsProblem(location, field: .period, .invalidPeriod(error)))
                }
            }
        } else if let defaults {
            if let given = defaults.period {
                if boardValid, let board, given.board != board {
                    problems.append(StandingsProblem(location, field: .period, .periodOfOtherBoard(given.description, board: board)))
                } else {
                    period = given
                }
            } else {
                problems.append(StandingsProblem(location, field: .period, .missingField))
            }
        }
        if defaults != nil, board == nil, boardValid {
            if let period { board = period.board } else if values[.period] == nil {
                problems.append(StandingsProblem(location, field: .board, .missingField))
            }
        }
        guard problems.count == count, let standing else { return nil }
        return StandingsRow(standing: standing, location: location, board: defaults == nil ? nil : board,
                            period: defaults == nil ? nil : period)
    }

    /// The row's standing, or nil after adding its problems to `problems`.
    private func standing(
        player: JSONValue?, wallet: JSONValue?, score: JSONValue?, reachedAt: JSONValue?,
        into problems: inout [StandingsProblem]
    ) -> Standing? {
        let count = problems.count
        let player = text(player, .player, into: &problems).flatMap { text -> String? in
            guard text.isEmpty else { return text }
            problems.append(StandingsProblem(location, field: .player, .emptyPlayer))
            return nil
        }
        let wallet = text(wallet, .wallet, into: &problems).flatMap { text -> Address? in
            do throws(AddressError) {
                return try Address(hex: text)
            } catch {
                problems.append(StandingsProblem(location, field: .wallet, .invalidAddress(error)))
                return nil
            }
        }
        let scoreText: String? = switch score {
        case .number(let digits)?: digits
        default: text(score, .score, expected: "an integer or a string of digits", into: &problems)
        }
        let score = scoreText.flatMap { text -> UInt256? in
            do throws(IntegerParseError) {
                return try UInt256(decimal: text)
            } catch {
                problems.append(StandingsProblem(location, field: .score, .invalidScore(error)))
                return nil
            }
        }
        let reachedAt = text(reachedAt, .reachedAt, into: &problems).flatMap { text -> UTCInstant? in
            do throws(TimestampError) {
                return try UTCInstant(rfc3339: text)
            } catch {
                problems.append(StandingsProblem(location, field: .reachedAt, .invalidTimestamp(error)))
                return nil
            }
        }
        guard problems.count == count, let player, let wallet, let score, let reachedAt else { return nil }
        return Standing(player: player, wallet: wallet, score: score, reachedAt: reachedAt)
    }

/// The field's text, or nil after adding a problem when it is missing or not a string.
    private func text(
        _ value: JSONValue?, _ field: StandingField, expected: String = "a string", into problems: inout [StandingsProblem]
    ) -> String? {
        switch value {
        case .string(let text)?: return text
        case nil: problems.append(StandingsProblem(location, field: field, .missingField))
        default: problems.append(StandingsProblem(location, field: field, .wrongType(expected: expected)))
        }
        return nil
    }
}

/// One CSV record: its fields and the line it starts on, or why it cannot be read.
private enum CSVRecord {
    case fields(line: Int, [String])
    case problem(StandingsProblem)
}

/// The records of CSV text, each with the line it starts on; blank lines are skipped.
private struct CSVRecords {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var done = false

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next record's fields, or the problem that makes it unreadable; nil at the end. An unterminated quote ends
    /// the reading, since nothing after it can be told apart from the field.
    mutating func next() -> CSVRecord? {
        while !done && index < bytes.count {
            let start = line
            var fields: [String] = []
            var problem: StandingsProblem.Reason?
            var quotedAny = false
            while true {
                var field: [UInt8] = []
                if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
                    quotedAny = true
                    index += 1
                    var closed = false
                    while index < bytes.count {
                        let byte = bytes[index]
                        index += 1
                        if byte == UInt8(ascii: "\"") {
                            if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
                                field.append(byte)
                                index += 1
                                continue
                            }
                            closed = true
                            break
                        }
                        if byte == UInt8(ascii: "\n") { line += 1 }
                        field.append(byte)
                    }
                    guard closed else {
                        done = true
                        return .problem(StandingsProblem(.line(start), .unterminatedQuote))
                    }
                    while index < bytes.count && bytes[index] != UInt8(ascii: ",") && bytes[index] != UInt8(ascii: "\n") {
                        if !atLineEnd(afterCarriageReturn: index) { problem = problem ?? .textAfterQuote }
                        index += 1
                    }
                } else {
                    while index < bytes.count && bytes[index] != UInt8(ascii: ",") && bytes[index] != UInt8(ascii: "\n") {
                        if bytes[index] == UInt8(ascii: "\"") { problem = problem ?? .quoteInUnquotedField }
                        if !atLineEnd(afterCarriageReturn: index) { field.append(bytes[index]) }
                        index += 1
                    }
                }
                fields.append(String(decoding: field, as: UTF8.self))
                guard index < bytes.count && bytes[index] == UInt8(ascii: ",") else { break }
                index += 1
            }
            if index < bytes.count {  // the line break
                index += 1
                line += 1
            }
            if let problem { return .problem(StandingsProblem(.line(start), problem)) }
            if fields == [""] && !quotedAny { continue }
            return .fields(line: start, fields)
        }
        return nil
    }

    /// True when the byte at `offset` is a carriage return ending the line (before a line feed or at the end).
    private func atLineEnd(afterCarriageReturn offset: Int) -> Bool {
        bytes[offset] == UInt8(ascii: "\r") && (offset + 1 == bytes.count || bytes[offset + 1] == UInt8(ascii: "\n"))
    }
}
