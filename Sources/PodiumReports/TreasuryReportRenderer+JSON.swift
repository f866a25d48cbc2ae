import PodiumLedger
import PodiumPrimitives

extension TreasuryReportRenderer {
    /// The report as indented JSON text, object keys sorted (the shape of `jsonValue(_:)`).
    public static func json(_ report: TreasuryReport) -> String { jsonValue(report).prettyText + "\n" }

    /// The report as a JSON value of this stable shape. Every amount is a decimal string of base units (wei for
    /// gas), so no reader rounds it; a difference is signed (`"-5000"`); counts, block numbers and period ids are
    /// JSON numbers; an absent value is `null`; hashes and addresses are `0x…` hex (addresses EIP-55).
    ///
    /// ```
    /// { "chainId": 31337,
    ///   "scope": { "from": "2026-11-20" | null, "to": "2026-11-22" | null, "block": 120, "blockHash": "0x…",
    ///              "blockTime": "2026-11-23T00:00:12Z", "finalizedBlock": 118, "token": "0x…", "symbol": "GLICO",
    ///              "decimals": 18, "distributor": "0x…" },
    ///   "balances": false,
    ///   "sales": { "count": 3, "revenue": "60…", "treasury": "…", "daily": "…", "weekly": "…" },
    ///   "periods": [ { "board": "daily", "period": "2026-11-20", "periodId": 20261120, "status": "SUCCESS",
    ///                  "sales": { …as above… }, "base": "…", "bonus": "…", "carryIn": "…", "total": "…",
    ///                  "prizes": [ { "place": 1, "wallet": "0x…", "amount": "…" } ],
    ///                  "paid": "…", "dust": "…", "carryOut": "…", "txHash": "0x…" | null, "block": 101 | null } ],
    ///   "totals": { "daily": { "periods": 3, "base": "…", "bonus": "…", "paid": "…", "carryOut": "…" | null },
    ///               "weekly": { … } },
    ///   "checks": [ { "name": "…", "expected": "…", "actual": "…", "difference": "-5000", "balances": false,
    ///                 "detail": "…" } ],
    ///   "findings": [ { "status": "AMOUNT_MISMATCH", "board": "daily" | null, "period": "2026-11-20" | null,
    ///                   "place": 2 | null, "expectedWallet": …, "expectedAmount": …, "actualWallet": …,
    ///                   "actualAmount": …, "txHash": …, "block": …, "detail": "…" } ],
    ///   "discrepancies": 4,
    ///   "gas": { "operations": 3, "accountCreations": 2, "gasUsed": "…", "weiSpent": "…",
    ///            "weiPerOperation": "…" } }
    /// ```
    ///
    /// `totals` has one member per board, with `carryOut` the board's last period's (null without periods);
    /// `findings` lists every verdict, matched ones included, and `discrepancies` counts those that are neither
    /// MATCHED nor PENDING.
    public static func jsonValue(_ report: TreasuryReport) -> JSONValue {
        let scope = report.scope
        return [
            "chainId": number(scope.chainID),
            "scope": [
                "from": optional(scope.from) { .string($0.description) },
                "to": optional(scope.to) { .string($0.description) },
                "block": number(scope.block),
                "blockHash": .string(scope.blockHash.description),
                "blockTime": .string(scope.blockTime.description),
                "finalizedBlock": number(scope.finalizedBlock),
                "token": .string(scope.token.description),
                "symbol": .string(scope.symbol),
                "decimals": number(scope.decimals),
                "distributor": .string(scope.distributor.description),
            ],
            "balances": .bool(report.balances),
            "sales": json(report.sales),
            "periods": .array(report.periods.map(json)),
            "totals": .object(Dictionary(uniqueKeysWithValues: report.boardTotals.map { totals in
                (totals.board.rawValue, [
                    "periods": number(totals.periods.count),
                    "base": amount(totals.base),
                    "bonus": amount(totals.bonus),
                    "paid": amount(totals.paid),
                    "carryOut": optional(totals.carryOut, amount),
                ] as JSONValue)
            })),
            "checks": .array(report.checks.map { check in
                [
                    "name": .string(check.name),
                    "expected": amount(check.expected),
                    "actual": amount(check.actual),
                    "difference": .string(check.differenceText),
                    "balances": .bool(check.balances),
                    "detail": .string(check.detail),
                ]
            }),
            "findings": .array(report.findings.map(json)),
            "discrepancies": number(report.discrepancies.count),
            "gas": [
                "operations": number(report.gas.operations),
                "accountCreations": number(report.gas.accountCreations),
                "gasUsed": amount(report.gas.gasUsed),
                "weiSpent": amount(report.gas.weiSpent),
                "weiPerOperation": amount(report.gas.weiPerOperation),
            ],
        ]
    }

    private static func json(_ sales: TreasuryReport.Sales) -> JSONValue {
        [
            "count": number(sales.count),
            "revenue": amount(sales.revenue),
            "treasury": amount(sales.treasury),
            "daily": amount(sales.daily),
            "weekly": amount(sales.weekly),
        ]
    }

    private static func json(_ pool: TreasuryReport.PeriodPool) -> JSONValue {
        [
            "board": .string(pool.board.rawValue),
            "period": .string(pool.period.description),
            "periodId": number(pool.period.periodID),
            "status": .string(pool.status),
            "sales": json(pool.sales),
            "base": amount(pool.base),
            "bonus": amount(pool.bonus),
            "carryIn": amount(pool.carryIn),
            "total": amount(pool.total),
            "prizes": .array(pool.prizes.map { prize in
                ["place": number(prize.place), "wallet": .string(prize.wallet.description), "amount": amount(prize.amount)]
            }),
            "paid": amount(pool.paid),
            "dust": amount(pool.dust),
            "carryOut": amount(pool.carryOut),
            "txHash": optional(pool.transactionHash) { .string($0.description) },
            "block": optional(pool.blockNumber, number),
        ]
    }

    private static func json(_ finding: TreasuryReport.Finding) -> JSONValue {
        [
            "status": .string(finding.status.rawValue),
            "board": optional(finding.period) { .string($0.board.rawValue) },
            "period": optional(finding.period) { .string($0.description) },
            "place": optional(finding.place, number),
            "expectedWallet": optional(finding.expectedWallet) { .string($0.description) },
            "expectedAmount": optional(finding.expectedAmount, amount),
            "actualWallet": optional(finding.actualWallet) { .string($0.description) },
            "actualAmount": optional(finding.actualAmount, amount),
            "txHash": optional(finding.transactionHash) { .string($0.description) },
            "block": optional(finding.blockNumber, number),
            "detail": .string(finding.detail),
        ]
    }

    /// An amount as a decimal string of base units.
    private static func amount(_ value: UInt256) -> JSONValue { .string(value.description) }

    /// An integer as a JSON number.
    private static func number(_ value: some BinaryInteger) -> JSONValue { .number(String(value)) }

    /// `transform(value)`, or `null` without a value.
    private static func optional<Value>(_ value: Value?, _ transform: (Value) -> JSONValue) -> JSONValue {
        value.map(transform) ?? .null
    }
}
