import Foundation
import PodiumPrimitives
import PodiumTestSupport
import Testing

@Suite struct SettleCommandTests {
    static let wallets = [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        "0x0000000000000000000000000000000000000001", "0x0000000000000000000000000000000000000002",
    ]

    /// Six players (the last with score 0) and a second, lower entry for the first wallet.
    static let rows: [(String, String, String, String)] = [
        ("alice", wallets[0], "120", "2026-11-20T09:00:00Z"),
        ("bob", wallets[1], "95", "2026-11-20T10:00:00Z"),
        ("carol", wallets[2], "95", "2026-11-20T08:30:00.5Z"),
        ("alice-again", wallets[0], "20", "2026-11-20T11:00:00Z"),
        ("dave", wallets[3], "40", "2026-11-20T12:00:00Z"),
        ("erin", wallets[4], "7", "2026-11-20T12:00:00Z"),
        ("frank", wallets[5], "0", "2026-11-20T13:00:00Z"),
    ]

    static var csv: String {
        "player,wallet,score,reached_at\n" + rows.map { "\($0.0),\($0.1),\($0.2),\($0.3)" }.joined(separator: "\n") + "\n"
    }

    static var json: String {
        "[" + rows.map { #"{"player": "\#($0.0)", "wallet": "\#($0.1.lowercased())", "score": \#($0.2), "reached_at": "\#($0.3)"}"# }
            .joined(separator: ",\n ") + "]"
    }

    /// A file in the temporary directory holding `text`, removed after `body`.
    static func withFile<R>(_ text: String, suffix: String, _ body: (String) async throws -> R) async throws -> R {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("podium-standings-\(UUID().uuidString)\(suffix)")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url.path)
    }

    static func preview(_ file: String, total: String, extra: [String] = []) -> [String] {
        ["settle", "preview", "--board", "daily", "--standings", file, "--total", total, "--period", "2026-11-20"] + extra
    }

    @Test func csvAndJSONStandingsGiveTheSameSplit() async throws {
        let fromCSV = try await Self.withFile(Self.csv, suffix: ".csv") { path in
            try await ChainCommandTests.succeed(Self.preview(path, total: "140glico", extra: ["--json"]))
        }
        let fromJSON = try await Self.withFile(Self.json, suffix: ".json") { path in
            try await ChainCommandTests.succeed(Self.preview(path, total: "140000000000000000000", extra: ["--json"]))
        }
        #expect(fromCSV == fromJSON)
        let place = { (place: Int, wallet: Int, score: String, amount: String) in
            """
                {
                  "amount": "\(amount)",
                  "place": \(place),
                  "score": "\(score)",
                  "wallet": "\(Self.wallets[wallet])"
                }
            """
        }
        let places = [
            place(1, 0, "120", "56000000000000000000"), place(2, 2, "95", "33600000000000000000"),
            place(3, 1, "95", "22400000000000000000"), place(4, 3, "40", "16800000000000000000"),
            place(5, 4, "7", "11200000000000000000"),
        ]
        #expect(fromCSV == """
            {
              "board": "daily",
              "carryOut": "0",
              "dust": "0",
              "paid": "140000000000000000000",
              "period": "2026-11-20",
              "places": [
            \(places.joined(separator: ",\n"))
              ],
              "total": "140000000000000000000"
            }
            """)
    }

    @Test func theLargestTotalSplitsExactly() async throws {
        let max = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
        let output = try await Self.withFile(Self.csv, suffix: ".csv") { path in
            try await ChainCommandTests.succeed(Self.preview(path, total: max, extra: ["--json"]))
        }
        let value = try PodiumPrimitives.JSONValue(json: Array(output.utf8))
        guard case .array(let places)? = value.objectValue?["places"] else { Issue.record("no places: \(output)"); return }
        #expect(places.compactMap { $0.objectValue?["amount"]?.stringValue } == [
            "46316835694926478169428394003475163141307993866256225615783033603165251855974",
            "27790101416955886901657036402085097884784796319753735369469820161899151113584",
            "18526734277970591267771357601390065256523197546502490246313213441266100742389",
            "13895050708477943450828518201042548942392398159876867684734910080949575556792",
            "9263367138985295633885678800695032628261598773251245123156606720633050371194",
        ])
        #expect(value.objectValue?["paid"] == "115792089237316195423570985008687907853269984665640564039457584007913129639933")
        #expect(value.objectValue?["dust"] == "2")
        #expect(value.objectValue?["carryOut"] == "2")
    }

    @Test func theTableShowsExactGLICO() async throws {
        let output = try await Self.withFile(Self.csv, suffix: ".csv") { path in
            try await ChainCommandTests.succeed(Self.preview(path, total: "1970glico").map { $0 == "daily" ? "weekly" : $0 == "2026-11-20" ? "2026-W47" : $0 })
        }
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "weekly 2026-W47 (period id 202647): 1970 GLICO")
        #expect(lines.count == 10)
        #expect(lines[2].hasPrefix("1") && lines[2].hasSuffix("  788"))
        #expect(lines[3].hasSuffix("  472.8"))
        #expect(lines[6].hasSuffix("  157.6"))
        #expect(lines.suffix(3) == ["paid       1970 GLICO", "dust       0 GLICO", "carry-out  0 GLICO"])
    }

    @Test func noEligiblePlayerSkipsThePeriod() async throws {
        let text = "player,wallet,score,reached_at\nfrank,\(Self.wallets[5]),0,2026-11-20T13:00:00Z\n"
        let output = try await Self.withFile(text, suffix: ".csv") { path in
            try await ChainCommandTests.succeed(Self.preview(path, total: "59"))
        }
        #expect(output.contains("the period is skipped"))
        #expect(output.hasSuffix("carry-out  0.000000000000000059 GLICO"))
    }

    @Test func aBadFileNamesEachBadLineAndPrintsNothing() async throws {
        let text = Self.csv + "gina,\(Self.wallets[0].dropLast())X,3,2026-11-20T13:00:00Z\nhank,\(Self.wallets[1]),3,yesterday\n"
        let result = try await Self.withFile(text, suffix: ".csv") { path in
            (path, try await PodiumProcess.run(Self.preview(path, total: "1")))
        }
        let (path, run) = result
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.split(separator: "\n").map(String.init) == [
            "podium: \(path): line 9: wallet: invalid hex character \"X\" at offset 41 in address",
            "podium: \(path): line 10: reached_at: expected an RFC 3339 UTC time such as 2026-11-20T13:45:00Z",
            "podium: standings \(path) refused: 2 problems, nothing read",
        ])
    }

    @Test(arguments: [
        (["--board", "monthly"], "--board must be daily or weekly"),
        (["--total", "0x10"], "invalid total \"0x10\": invalid digit \"x\" at offset 1"),
        (["--total", "1.5"], "invalid total \"1.5\": invalid digit \".\" at offset 1"),
        (["--period", "2026-W47"], "invalid period \"2026-W47\": expected a daily period as a UTC date such as 2026-11-20"),
    ])
    func badArgumentsAreOneLine(change: [String], expected: String) async throws {
        let message = try await Self.withFile(Self.csv, suffix: ".csv") { path in
            var arguments = Self.preview(path, total: "1")
            arguments[arguments.firstIndex(of: change[0])! + 1] = change[1]
            return try await ChainCommandTests.fail(arguments)
        }
        #expect(message == expected)
    }
}
