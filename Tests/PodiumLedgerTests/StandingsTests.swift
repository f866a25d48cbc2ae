import PodiumLedger
import PodiumPrimitives
import Testing

@Suite struct StandingsTests {
    static let header = "player,wallet,score,reached_at\n"
    static let alice = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
    static let aliceChecksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    static let bob = "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"

    static func csv(_ rows: String...) -> [UInt8] { Array((header + rows.joined(separator: "\n")).utf8) }

    static func problems(_ read: () throws(StandingsError) -> [Standing]) -> [String] {
        do {
            let standings = try read()
            return ["read \(standings.count) standings"]
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func readsCSV() throws {
        let standings = try Standings.readCSV(Self.csv(
            "alice,\(Self.aliceChecksummed),120,2026-11-20T13:45:00Z",
            "\"bob, \"\"the builder\"\"\",\(Self.bob),0099,2026-11-20T13:45:00.5Z", ""))
        #expect(standings == [
            Standing(player: "alice", wallet: try Address(hex: Self.alice), score: 120,
                     reachedAt: try UTCInstant(rfc3339: "2026-11-20T13:45:00Z")),
            Standing(player: "bob, \"the builder\"", wallet: try Address(hex: Self.bob), score: 99,
                     reachedAt: try UTCInstant(rfc3339: "2026-11-20T13:45:00.5Z")),
        ])
    }

    @Test func readsCRLFAndSkipsBlankLinesAndTheByteOrderMark() throws {
        let text = "\u{FEFF}player,wallet,score,reached_at\r\n\r\nalice,\(Self.alice),1,2026-11-20T00:00:00Z\r\n\r\n"
        let standings = try Standings.read(Array(text.utf8))
        #expect(standings.map(\.player) == ["alice"])
    }

    @Test func readsJSONWithIntegerOrStringScores() throws {
        let json = """
            [{"player": "alice", "wallet": "\(Self.aliceChecksummed)", "score": 115792089237316195423570985008687907853269984665640564039457584007913129639935, "reached_at": "2026-11-20T13:45:00Z"},
             {"player": "bob", "wallet": "\(Self.bob)", "score": "7", "reached_at": "2026-11-20T13:45:00Z"}]
            """
        let standings = try Standings.read(Array(json.utf8))
        #expect(standings.map(\.score) == [.max, 7])
        #expect(try Standings.readJSON(Array("[]".utf8)) == [])
    }

    @Test(arguments: [
        ("alice,\(alice),12,2026-11-20T13:45:00Z,extra", ["line 2: expected 4 fields, found 5"]),
        ("alice,\(alice),12", ["line 2: expected 4 fields, found 3"]),
        (",\(alice),12,2026-11-20T13:45:00Z", ["line 2: player: empty player id"]),
        ("alice,0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD,12,2026-11-20T13:45:00Z",
         ["line 2: wallet: invalid EIP-55 checksum: expected 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"]),
        ("alice,0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea,12,2026-11-20T13:45:00Z",
         ["line 2: wallet: an address is 40 hex digits, got 38"]),
        ("alice,\(alice),-3,2026-11-20T13:45:00Z", ["line 2: score: unsigned number cannot have a sign"]),
        ("alice,\(alice),1.5,2026-11-20T13:45:00Z", ["line 2: score: invalid digit \".\" at offset 1"]),
        ("alice,\(alice),,2026-11-20T13:45:00Z", ["line 2: score: empty number"]),
        ("alice,\(alice),1\(String(repeating: "0", count: 78)),2026-11-20T13:45:00Z",
         ["line 2: score: number out of range for a 256-bit integer"]),
        ("alice,\(alice),12,2026-11-20T13:45:00+01:00", ["line 2: reached_at: the time must be UTC, ending in Z"]),
        ("alice,\(alice),12,2026-11-31T13:45:00Z", ["line 2: reached_at: no such date"]),
        ("alice,\(alice),12,\"2026-11-20T13:45:00Z\"x", ["line 2: text after a closing quote"]),
        ("al\"ice,\(alice),12,2026-11-20T13:45:00Z", ["line 2: a quote inside an unquoted field"]),
        (",bad,x,yesterday", [
            "line 2: player: empty player id", "line 2: wallet: an address is 40 hex digits, got 3",
            "line 2: score: invalid digit \"x\" at offset 0",
            "line 2: reached_at: expected an RFC 3339 UTC time such as 2026-11-20T13:45:00Z",
        ]),
    ])
    func badCSVRowsAreNamedByLineAndField(row: String, expected: [String]) {
        let good = "bob,\(Self.bob),1,2026-11-20T00:00:00Z"
        #expect(Self.problems { () throws(StandingsError) in try Standings.readCSV(Self.csv(row, good)) } == expected)
    }

    @Test func everyBadRowIsReportedAndNothingIsRead() {
        let text = Self.csv(
            "alice,\(Self.alice),1,2026-11-20T00:00:00Z",
            "bob,\(Self.bob),one,2026-11-20T00:00:00Z",
            "\"carol\nwith a break\",\(Self.bob),2,2026-11-20T00:00:00Z",
            "dave,\(Self.bob),2,2026-11-20",
            "erin,\(Self.bob),2,2026-11-20T00:00:00Z,")
        #expect(Self.problems { () throws(StandingsError) in try Standings.readCSV(text) } == [
            "line 3: score: invalid digit \"o\" at offset 0",
            "line 6: reached_at: expected an RFC 3339 UTC time such as 2026-11-20T13:45:00Z",
            "line 7: expected 4 fields, found 5",
        ])
    }

    @Test(arguments: [
        ("", ["standings: no header line: expected player,wallet,score,reached_at"]),
        ("player,wallet,score\nalice,\(alice),1", [
            "line 1: header must be player,wallet,score,reached_at (then optionally period and board), found \"player,wallet,score\"",
        ]),
        ("Player,wallet,score,reached_at\n", [
            "line 1: header must be player,wallet,score,reached_at (then optionally period and board), found \"Player,wallet,score,reached_at\"",
        ]),
        ("player,wallet,score,reached_at\nalice,\(alice),1,2026-11-20T00:00:00Z\n\"bob,\(bob),1,2026-11-20T00:00:00Z\n",
         ["line 3: a quoted field is never closed"]),
    ])
    func badCSVFilesAreRefused(text: String, expected: [String]) {
        #expect(Self.problems { () throws(StandingsError) in try Standings.readCSV(Array(text.utf8)) } == expected)
    }

    @Test func nonUTF8IsRefused() {
        #expect(Self.problems { () throws(StandingsError) in try Standings.read([0xFF, 0x0A]) } == ["standings: not UTF-8 text"])
    }

    @Test(arguments: [
        ("{}", ["standings: expected a JSON array of standings"]),
        ("[1, []]", [
            "[0]: expected an object with player, wallet, score and reached_at",
            "[1]: expected an object with player, wallet, score and reached_at",
        ]),
        ("[{\"player\": \"a\", \"wallet\": \"\(alice)\", \"score\": 1, \"reached_at\": \"2026-11-20T00:00:00Z\", \"x\": 1}]",
         ["[0]: unknown field \"x\""]),
        ("[{\"player\": \"a\", \"wallet\": \"\(alice)\", \"score\": 1}]", ["[0]: reached_at: missing"]),
        ("[{\"player\": 7, \"wallet\": \"\(alice)\", \"score\": true, \"reached_at\": \"2026-11-20T00:00:00Z\"}]", [
            "[0]: player: expected a string", "[0]: score: expected an integer or a string of digits",
        ]),
        ("[{\"player\": \"a\", \"wallet\": \"\(alice)\", \"score\": 1.0, \"reached_at\": \"2026-11-20T00:00:00Z\"}]",
         ["[0]: score: invalid digit \".\" at offset 1"]),
        ("[{\"player\": \"a\", \"wallet\": \"\(alice)\", \"score\": 1e3, \"reached_at\": \"2026-11-20T00:00:00Z\"}]",
         ["[0]: score: invalid digit \"e\" at offset 1"]),
        ("[{\"player\": \"a\", \"wallet\": \"\(alice)\", \"score\": -1, \"reached_at\": \"2026-11-20T00:00:00Z\"}]",
         ["[0]: score: unsigned number cannot have a sign"]),
        ("[{\"player\": \"a\", \"wallet\": \"\(alice)\", \"score\": 1, \"reached_at\": \"2026-11-20T00:00:00Z\"},\n"
            + " {\"player\": \"b\", \"wallet\": \"0xFB6916095ca1df60bB79Ce92cE3Ea74c37c5d359\", \"score\": \"2\", \"reached_at\": 0}]", [
            "[1]: wallet: invalid EIP-55 checksum: expected 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "[1]: reached_at: expected a string",
        ]),
    ])
    func badJSONIsNamedByIndexAndField(text: String, expected: [String]) {
        #expect(Self.problems { () throws(StandingsError) in try Standings.readJSON(Array(text.utf8)) } == expected)
    }

    @Test func unparsableJSONIsOneProblem() {
        let problems = Self.problems { () throws(StandingsError) in try Standings.read(Array("[{".utf8)) }
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("standings: invalid JSON at byte") == true)
    }
}
