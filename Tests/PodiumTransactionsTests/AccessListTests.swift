import Foundation
import PodiumPrimitives
import PodiumTransactions
import Testing

/// The JSON-RPC form of access lists.
@Suite struct AccessListTests {
    @Test func decodesAndEncodesTheJSONRPCForm() throws {
        let json = """
            [{"address":"0x3535353535353535353535353535353535353535","storageKeys":[\
            "0x0000000000000000000000000000000000000000000000000000000000000001"]}]
            """
        let list = try JSONDecoder().decode(AccessList.self, from: Data(json.utf8))
        #expect(list == [AccessListItem(address: try Address(hex: "0x3535353535353535353535353535353535353535"),
                                        storageKeys: [try Bytes32(hex: String(repeating: "0", count: 63) + "1")])])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(list), as: UTF8.self) == json)
    }

    @Test func rejectsStorageKeysOfTheWrongLength() {
        let json = #"[{"address":"0x3535353535353535353535353535353535353535","storageKeys":["0x01"]}]"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AccessList.self, from: Data(json.utf8)) }
    }
}
