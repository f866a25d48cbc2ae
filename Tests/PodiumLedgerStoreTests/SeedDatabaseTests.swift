import Foundation
import PodiumLedger
import PodiumLedgerStore
import PodiumPrimitives
import PodiumTestSupport
import Testing

/// `LedgerStore.importSeed(from:)` on databases made by `Tests/oracles/seed_db.py` with Python's sqlite3, REAL amounts
/// written as the seed's TypeScript client writes them (doubles from decimal literals, or from float arithmetic). The
/// script also says which amounts are exact and their base units (`Decimal(repr(x)) * 10**18`); Swift computes
/// neither.
@Suite struct SeedDatabaseTests {
    /// An amount as the script takes it: a decimal literal, or float arithmetic over literals.
    enum Amount: Encodable, Sendable, CustomStringConvertible {
        case literal(String)
        case sum([String])
        case product([String])
        case integer(String)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .literal(let text):
                var container = encoder.singleValueContainer()
                try container.encode(text)
            case .sum(let terms): try ["sum": terms].encode(to: encoder)
            case .product(let factors): try ["product": factors].encode(to: encoder)
            case .integer(let text): try ["int": text].encode(to: encoder)
            }
        }

        var description: String {
            switch self {
            case .literal(let text): text
            case .sum(let terms): terms.joined(separator: " + ")
            case .product(let factors): factors.joined(separator: " * ")
            case .integer(let text): "int \(text)"
            }
        }
    }

    /// The seed's amount columns per table, as `LedgerStore.amountColumns` lists them.
    static let columns = LedgerStore.amountColumns

    /// Rows per table: each row maps its amount columns to amounts.
    typealias Spec = [String: [[String: Amount]]]

    struct Verdict: Decodable, Sendable {
        let table: String
        let id: Int64
        let column: String
        let repr: String
        let exact: Bool
        let baseUnits: String?
        let reason: String?
    }

    struct Made: Decodable, Sendable {
        let amounts: [Verdict]
    }

    /// Makes a seed database from `spec` with the script; returns its path and the script's verdicts.
    static func make(_ spec: Spec) async throws -> (path: String, amounts: [Verdict]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("podium-seed-py-\(UUID().uuidString).sqlite").path
        let made = try await PythonOracle.call("seed_db", arguments: [path], spec, as: Made.self)
        return (path, made.amounts)
    }

    /// A spec putting `amounts` in order into every amount column of all four tables (a summary first when prizes
    /// are due, so that they have one to point at).
    static func spec(spreading amounts: [Amount]) -> Spec {
        var spec: Spec = [:]
        var remaining = amounts[...]
        let tables = LedgerStore.seedTables
        var turn = 0
        while !remaining.isEmpty {
            let table = tables[turn % tables.count]
            turn += 1
            if table == "prize_distribution_log", spec["distribution_summary_log"] == nil { continue }
            var row: [String: Amount] = [:]
            for column in columns[table]! {
                row[column] = remaining.popFirst() ?? .literal("1")
            }
            spec[table, default: []].append(row)
        }
        return spec
    }

    /// Imports `path` into a new ledger and checks the result against the script's verdicts: every amount exact →
    /// every row copied with the script's base units; otherwise refused, naming exactly the inexact amounts, with
    /// nothing imported.
    static func expectImport(_ path: String, matches amounts: [Verdict], context: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try LedgerStoreTests.withLedger { store throws in
            let result = Result(catching: { () throws(LedgerError) in try store.importSeed(from: path) })
            let inexact = amounts.filter { !$0.exact }
            if inexact.isEmpty {
                guard case .success(let counts) = result else {
                    Issue.record("\(context): import refused exact amounts: \(result)", sourceLocation: sourceLocation)
                    return
                }
                var rows: [String: Set<Int64>] = [:]
                for amount in amounts { rows[amount.table, default: []].insert(amount.id) }
                #expect(counts.filter { $0.value > 0 } == rows.mapValues(\.count), "\(context)", sourceLocation: sourceLocation)
                for amount in amounts {
                    let stored = try store.text(amount.table, "\(amount.column)_base_units", id: amount.id)
                    #expect(stored == amount.baseUnits,
                            "\(context): \(amount.table) id \(amount.id) \(amount.column) \(amount.repr)", sourceLocation: sourceLocation)
                }
            } else {
                guard case .failure(.inexactAmounts(let problems)) = result else {
                    Issue.record("\(context): expected the import to refuse \(inexact.map(\.repr)), got \(result)", sourceLocation: sourceLocation)
                    return
                }
                #expect(problems.map { "\($0.table) id \($0.rowID): \($0.column) \($0.value)" }
                        == inexact.map { "\($0.table) id \($0.id): \($0.column) \($0.repr)" }, "\(context)", sourceLocation: sourceLocation)
                for table in LedgerStore.seedTables {
                    #expect(try store.count(table) == 0, "\(context): \(table) imported rows", sourceLocation: sourceLocation)
                }
            }
        }
    }

    // MARK: Named amounts

    /// Amounts the seed's client writes, all exact.
    static let exactAmounts: [Amount] = [
        .literal("23.6"), .literal("14.16"), .literal("9.44"), .literal("0.1"), .literal("1e-18"), .literal("20"),
        .literal("1.8"), .literal("4.2"), .literal("14"), .literal("59.0"), .literal("140"), .literal("1970"),
        .literal("472.8"), .literal("0.000001"), .literal("0.00001"), .literal("123456789.123456"), .literal("1e16"),
        .literal("1.5e20"), .literal("1e58"), .literal("0"), .literal("-0.0"), .literal("999999999999999"),
        .literal("0.000000000000000123"), .product(["59", "0.4"]), .sum(["0.5", "0.25"]), .integer("20"),
        .integer("0"), .integer("900719925474099"),
    ]

    @Test func exactAmountsLandAsPythonsDecimalBaseUnits() async throws {
        let (path, amounts) = try await Self.make(Self.spec(spreading: Self.exactAmounts))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try #require(amounts.count >= Self.exactAmounts.count)
        for amount in amounts {
            #expect(amount.exact, "the script finds \(amount.repr) inexact: \(amount.reason ?? "")")
        }
        // Spot checks of the script itself.
        let byText = Dictionary(amounts.map { ($0.repr, $0.baseUnits) }, uniquingKeysWith: { first, _ in first })
        #expect(byText["23.6"] == "23600000000000000000")
        #expect(byText["14.16"] == "14160000000000000000")
        #expect(byText["9.44"] == "9440000000000000000")
        #expect(byText["0.1"] == "100000000000000000")
        #expect(byText["1e-18"] == "1")
        #expect(byText["1.5e+20"] == "150000000000000000000000000000000000000")
        try Self.expectImport(path, matches: amounts, context: "named exact amounts")
    }

    /// Amounts no reader can take as exact: float arithmetic's leftovers, finer than a base unit, beyond a double's
    /// faithful digits, negative, or beyond 2²⁵⁶ − 1 base units.
    static let inexactAmounts: [Amount] = [
        .sum(["0.1", "0.2"]), .literal("1e-19"), .literal("1.0000000000000002"), .literal("123456789.123456789"),
        .literal("0.1234567890123456"), .literal("-1"), .literal("1e60"), .sum(["14.16", "9.44", "0.1"]),
        .product(["0.1", "3"]), .literal("1.5e-19"),
    ]

    @Test(arguments: SeedDatabaseTests.inexactAmounts)
    func anInexactAmountIsRefusedByTableRowAndColumn(amount: Amount) async throws {
        // The bad amount in each table in turn, among exact ones.
        for (position, table) in LedgerStore.seedTables.enumerated() {
            var spec = Self.spec(spreading: Array(Self.exactAmounts.prefix(8)))
            let column = Self.columns[table]!.last!
            var row: [String: Amount] = [:]
            for other in Self.columns[table]! { row[other] = .literal("2.5") }
            row[column] = amount
            spec[table, default: []].append(row)
            let (path, amounts) = try await Self.make(spec)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let inexact = amounts.filter { !$0.exact }
            try #require(inexact.count == 1, "the script judges \(amount) in \(table): \(amounts.filter { !$0.exact }.map(\.repr))")
            #expect(inexact[0].table == table && inexact[0].column == column && inexact[0].id == Int64(spec[table]!.count))
            try Self.expectImport(path, matches: amounts, context: "\(amount) in \(table), turn \(position)")
        }
    }

    @Test func everyInexactAmountIsNamedAndNothingIsImported() async throws {
        let mixed = zip(Self.exactAmounts, Self.inexactAmounts).flatMap { [$0, $1] }
        let (path, amounts) = try await Self.make(Self.spec(spreading: mixed))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(amounts.filter { !$0.exact }.count == Self.inexactAmounts.count)
        try Self.expectImport(path, matches: amounts, context: "mixed amounts")
    }

    // MARK: Random amounts

    /// A random amount as a client could compute it: a literal of 1–15 significant digits (exact unless finer than
    /// a base unit), one of 16–17 digits, a sum or product of literals, or a random double.
    static func randomAmount(using generator: inout SeededGenerator) -> Amount {
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
        }
        func literal(significant: Int) -> String {
            let mantissa = String(Int.random(in: 1...9, using: &generator)) + digits(significant - 1)
            let exponent = Int.random(in: -22...30, using: &generator)
            return Bool.random(using: &generator) ? "\(mantissa)e\(exponent)" : {
                // The same number written out, as a client would print it.
                let point = mantissa.count + exponent
                if point <= 0 { return "0." + String(repeating: "0", count: -point) + mantissa }
                if point >= mantissa.count { return mantissa + String(repeating: "0", count: point - mantissa.count) }
                return String(mantissa.prefix(point)) + "." + String(mantissa.dropFirst(point))
            }()
        }
        func money() -> String {
            "\(Int.random(in: 0...100_000, using: &generator)).\(digits(Int.random(in: 0...4, using: &generator)))"
                .replacingOccurrences(of: #"\.$"#, with: "", options: .regularExpression)
        }
        switch Int.random(in: 0..<10, using: &generator) {
        case 0..<4: return .literal(literal(significant: Int.random(in: 1...15, using: &generator)))
        case 4: return .literal(literal(significant: Int.random(in: 16...17, using: &generator)))
        case 5, 6: return .sum((0..<Int.random(in: 2...4, using: &generator)).map { _ in money() })
        case 7: return .product([money(), ["0.7", "0.3", "0.4", "0.24", "0.16", "0.12", "0.08"].randomElement(using: &generator)!])
        case 8: return .literal(money())
        default:
            let value = Double(bitPattern: UInt64.random(in: 0x3C00_0000_0000_0000...0x4800_0000_0000_0000, using: &generator))
            return .literal(value.description)
        }
    }

    @Test func randomAmountsImportExactlyAsTheScriptJudges() async throws {
        var generator = SeededGenerator()
        let seed = generator.seed
        var refused = 0
        var imported = 0
        for database in 0..<40 {
            // Mostly databases of exact amounts (so that some import), some with any amounts.
            let anything = database % 3 == 0
            var amounts: [Amount] = []
            while amounts.count < 12 {
                let amount = Self.randomAmount(using: &generator)
                if !anything, case .literal(let text) = amount, Self.looksExact(text) {
                    amounts.append(amount)
                } else if anything {
                    amounts.append(amount)
                }
            }
            let (path, verdicts) = try await Self.make(Self.spec(spreading: amounts))
            defer { try? FileManager.default.removeItem(atPath: path) }
            if verdicts.allSatisfy(\.exact) { imported += 1 } else { refused += 1 }
            try Self.expectImport(path, matches: verdicts, context: "seed \(seed), database \(database): \(amounts)")
        }
        #expect(imported > 0 && refused > 0, "seed \(seed): \(imported) imported, \(refused) refused")
        print("SeedDatabase: seed \(seed): 40 databases, \(imported) imported, \(refused) refused")
    }

    /// A literal of at most 15 significant digits and 18 decimals: one the script should find exact (it decides).
    static func looksExact(_ text: String) -> Bool {
        guard let amount = try? ExactAmount.baseUnits(ofDecimal: text) else { return false }
        let mantissa = text.lowercased().prefix { $0 != "e" }.filter(\.isNumber)
        let significant = mantissa.drop { $0 == "0" }.reversed().drop { $0 == "0" }.count
        return significant <= 15 && amount < (UInt256(1) << 255)
    }
}
