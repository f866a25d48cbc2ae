import PodiumABI
import PodiumPrimitives

// The `abi` suite: decoding and encoding two values on the typed path (`ABI`, `ABITuple` structs) and on the
// dynamic path (`ABIDecoder`, `ABIEncoder` with `ABIValue`s), in operations per second.
//
// - prizesDistributed: the data of `event PrizesDistributed(uint8 indexed prizeType, address[] winners,
//   uint256[] amounts, uint256 timestamp)`. `prizeType` is indexed, so it is a topic and the data is
//   `(address[],uint256[],uint256)`: 5 winners, 5 amounts, a timestamp (480 bytes).
// - nested: `(uint256,(address,bytes,uint256)[],string)` with 3 entries of 40-byte `bytes` and a 30-character string.
//
// bench/peers/abi_ethabi.py measures the same values with eth-abi; it prints its one figure per value and operation
// under both the typed and the `-dynamic` names.

/// The data of a `PrizesDistributed` log: its non-indexed parameters.
struct PrizesDistributedData {
    var winners: [Address] = []
    var amounts: [UInt256] = []
    var timestamp: UInt256 = 0
}

extension PrizesDistributedData: ABITuple {
    mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
        try fields.visit(&winners)
        try fields.visit(&amounts)
        try fields.visit(&timestamp)
    }
}

/// `(uint256,(address,bytes,uint256)[],string)`.
struct NestedValue {
    /// `(address,bytes,uint256)`.
    struct Entry {
        var account = Address.zero
        var memo: ABIBytes = []
        var amount: UInt256 = 0
    }

    var id: UInt256 = 0
    var entries: [Entry] = []
    var note = ""
}

extension NestedValue: ABITuple {
    mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
        try fields.visit(&id)
        try fields.visit(&entries)
        try fields.visit(&note)
    }
}

extension NestedValue.Entry: ABITuple {
    mutating func abiFields<Fields: ABIFieldVisitor>(_ fields: inout Fields) throws(Fields.Failure) {
        try fields.visit(&account)
        try fields.visit(&memo)
        try fields.visit(&amount)
    }
}

/// The address whose 20 bytes are `seed` repeated.
private func address(_ seed: UInt8) -> Address {
    try! Address([UInt8](repeating: seed, count: 20))
}

/// The PrizesDistributed data: winners 0x1111…, 0x2222…, …; amounts of 1…5 ether; a 2024 timestamp.
private let prizes = PrizesDistributedData(
    winners: (1...5).map { address(UInt8($0) &* 0x11) },
    amounts: (1...5).map { UInt256(UInt64($0) * 1_000_000_000_000_000_000) },
    timestamp: 1_717_171_717)

/// The nested value: three entries with 40-byte memos.
private let nested = NestedValue(
    id: 42, entries: (1...3).map(entry), note: "prizes for the third round, ok")

/// Entry `i` of the nested value: a 40-byte memo counting up from `i`.
private func entry(_ i: Int) -> NestedValue.Entry {
    let memo = ABIBytes((0..<40).map { UInt8($0 + i) })
    return NestedValue.Entry(account: address(UInt8(i * 0x21)), memo: memo, amount: UInt256(UInt64(i * 1_000_000)))
}

/// `abi/<operation>/<name>` (typed) and `…-dynamic`, for decoding and encoding `value`.
private func figures<Value: ABITuple>(_ name: String, _ value: Value) -> [Figure] {
    guard case .tuple(let types) = Value.abiType else { preconditionFailure("\(name) is not a tuple") }
    let values = try! ABIDecoder.decode(ABI.encode(fieldsOf: value), as: types)
    let data = try! ABIEncoder.encode(values, as: types)
    precondition(ABI.encode(fieldsOf: value) == data, "the typed and dynamic encoders disagree on \(name)")

    func rate(_ body: () -> Void) -> Double { 1e9 / nanosecondsPerCall(body) }
    return [
        Figure(
            name: "abi/decode/\(name)", value: rate { blackHole(try! ABI.decode(fieldsOf: Value.self, from: data)) },
            unit: "ops/s"),
        Figure(
            name: "abi/decode/\(name)-dynamic", value: rate { blackHole(try! ABIDecoder.decode(data, as: types)) },
            unit: "ops/s"),
        Figure(name: "abi/encode/\(name)", value: rate { blackHole(ABI.encode(fieldsOf: value)) }, unit: "ops/s"),
        Figure(
            name: "abi/encode/\(name)-dynamic", value: rate { blackHole(try! ABIEncoder.encode(values, as: types)) },
            unit: "ops/s"),
    ]
}

/// abi/decode/… and abi/encode/… for prizesDistributed and nested, typed and dynamic (operations per second).
func abiFigures() -> [Figure] {
    figures("prizesDistributed", prizes) + figures("nested", nested)
}
