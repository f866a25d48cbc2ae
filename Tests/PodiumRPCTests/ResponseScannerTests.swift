import PodiumPrimitives
@testable import PodiumRPC
import Testing

/// The scanner that finds `id`, `result` and `error` in JSON-RPC answers, on hand-written answers whose members are
/// known (RFC 8259 and JSON-RPC 2.0 shapes: escapes, nesting, whitespace, any member order).
@Suite struct ResponseScannerTests {
    func members(_ text: String) throws -> [(id: Int?, result: String?, error: String?)] {
        let bytes = Array(text.utf8)
        return try ResponseScanner.envelopes(in: bytes).map { envelope in
            (envelope.id, envelope.result.map { String(decoding: bytes[$0], as: UTF8.self) },
             envelope.error.map { String(decoding: bytes[$0], as: UTF8.self) })
        }
    }

    @Test func findsMembersInAnyOrderAndShape() throws {
        let single = try members(#" { "result" : "0x1" , "jsonrpc":"2.0", "id" : 7 } "#)
        #expect(single.count == 1 && single[0].id == 7 && single[0].result == #""0x1""# && single[0].error == nil)

        let nested = #"{"blockHash":"0x\"]}","logs":[{"topics":["[","{"]},[]],"n":null}"#
        let tricky = try members(#"{"id":1,"jsonrpc":"2.0","result":\#(nested)}"#)
        #expect(tricky[0].result == nested)

        let batch = try members(#"[{"id":2,"error":{"code":-32601,"message":"no \"such\" method"}},{"id":1,"result":[]}]"#)
        #expect(batch.map(\.id) == [2, 1])
        #expect(batch[0].error == #"{"code":-32601,"message":"no \"such\" method"}"# && batch[0].result == nil)
        #expect(batch[1].result == "[]")
        #expect(try members("[]").isEmpty)
        #expect(try members(#"{"id":"abc","result":true}"#)[0].id == nil)
    }

    @Test(arguments: [
        "", "[", "{", #"{"id":1,"result":"0x1""#, #"{"id":1 "result":1}"#, #"{"id":1,"result":[1,2}"#,
        #"{"id":1,"result":"a"} x"#, #"[{"id":1,"result":1},]"#, "<html>", #"{"result":"tab\#there"}"#, #"{"id":1,"result":}"#,
        // Scalars are read as the tree parser reads them: literals spelled out, numbers without leading zeros,
        // escapes that exist.
        #"{"id":1,"result":nul}"#, #"{"id":1,"result":01}"#, #"{"id":1,"result":1.}"#, #"{"id":1,"result":"\x"}"#,
        #"{"id":1,"result":"\ud800"}"#,
    ])
    func refusesWhatIsNotAResponse(text: String) {
        #expect(throws: JSONParseError.self) { try ResponseScanner.envelopes(in: Array(text.utf8)) }
    }
}
