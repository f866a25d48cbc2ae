import Foundation
import PodiumPrimitives
import PodiumRPC

/// What a node's refusal of an `eth_getLogs` range says about the range it takes, in the words of the common
/// providers:
///
/// - Infura: "query returned more than 10000 results. Try with this block range [0x…, 0x…]." (-32005)
/// - Alchemy: "… with up to a 2K block range … this block range should work: [0x…, 0x…]" (-32602)
/// - QuickNode: "eth_getLogs is limited to a 10000 range"
/// - Ankr, others: "block range is too wide", "exceeds max block range 3000"
enum RangeLimit {
    /// The range to ask next after `error` refused `asked` blocks: the one the node names, else half; nil when the
    /// error is not about the range (it is then not retried here).
    static func range(after error: NodeError, asked: UInt64) -> UInt64? {
        let message = error.message.lowercased()
        if let suggested = bracketedRange(in: message), suggested < asked { return max(1, suggested) }
        for pattern in ["limited to a ", "max block range ", "up to a "] {
            if let limit = number(after: pattern, in: message), limit > 0, limit < asked { return limit }
        }
        let aboutRange = ["range", "more than", "too many", "limit", "exceed", "results"].contains { message.contains($0) }
        guard aboutRange || error.code == -32005 else { return nil }
        return max(1, asked / 2)
    }

    /// The size of a `[0xA, 0xB]` range in the message.
    private static func bracketedRange(in message: String) -> UInt64? {
        guard let open = message.lastIndex(of: "["), let close = message[open...].firstIndex(of: "]") else { return nil }
        let bounds = message[message.index(after: open)..<close].split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard bounds.count == 2, let low = try? Quantity.uint64(String(bounds[0])), let high = try? Quantity.uint64(String(bounds[1])),
            high >= low
        else { return nil }
        return high - low + 1
    }

    /// The number after `prefix`, with a `K` for thousands ("up to a 2K block range").
    private static func number(after prefix: String, in message: String) -> UInt64? {
        guard let range = message.range(of: prefix) else { return nil }
        let rest = message[range.upperBound...]
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard let value = UInt64(digits) else { return nil }
        let thousands = rest.dropFirst(digits.count).first == "k"
        guard thousands else { return value }
        let (product, overflow) = value.multipliedReportingOverflow(by: 1000)
        return overflow ? UInt64.max : product
    }
}
