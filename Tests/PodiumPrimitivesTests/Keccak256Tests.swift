import Foundation
import PodiumPrimitives
import PodiumTestSupport
import Testing

@Suite("Keccak-256")
struct Keccak256Tests {
    /// A message and its published digest.
    struct KnownAnswer: CustomTestStringConvertible, Sendable {
        let label: String
        let message: [UInt8]
        /// `0x` and 64 lowercase hex digits.
        let digest: String

        var testDescription: String { label }
    }

    /// Message lengths around the first rate blocks' ends, where padding and buffering change course.
    static let boundaryLengths = [135, 136, 137, 271, 272, 273, 407, 408, 409]

    // MARK: Known answers

    @Test(arguments: try knownAnswers(inKATFile: "keccak-shortmsgkat-256"))
    func matchesKeccakTeamShortMessageKAT(_ answer: KnownAnswer) {
        #expect(Keccak256.hash(answer.message).description == answer.digest)
        var hasher = Keccak256()
        for byte in answer.message { hasher.update(CollectionOfOne(byte)) }
        #expect(hasher.finalize().description == answer.digest, "fed one byte at a time")
    }

    @Test(arguments: try knownAnswers(inTextFile: "keccak-text"))
    func matchesWellKnownDigestsOfText(_ answer: KnownAnswer) {
        let text = String(decoding: answer.message, as: UTF8.self)
        #expect(Keccak256.hash(text).description == answer.digest)
    }

    @Test func oneMillionSingleByteUpdatesGiveTheKnownDigest() {
        var hasher = Keccak256()
        for _ in 0..<1_000_000 { hasher.update("a") }
        #expect(hasher.finalize().description == "0xfadae6b49f129bbb812be8407b7b2894f34aecf6dbd1f9b0f0c7e9853098fc96")
    }

    // MARK: Differential, against pycryptodome

    @Test func agreesWithPycryptodomeOnRandomInputsOfEveryLengthUpToFourBlocks() async throws {
        var generator = SeededGenerator()
        var messages: [[UInt8]] = []
        for length in 0...(4 * Keccak256.rate + 1) {
            for _ in 0..<4 { messages.append(generator.bytes(length)) }
        }
        for length in Self.boundaryLengths {
            messages.append([UInt8](repeating: 0x00, count: length))
            messages.append([UInt8](repeating: 0xff, count: length))
            for _ in 0..<8 { messages.append(generator.bytes(length)) }
        }
        for _ in 0..<16 { messages.append(generator.bytes(Int.random(in: 546...20_000, using: &generator))) }

        let expected = try Self.oracleDigests(messages)
        try #require(expected.count == messages.count)
        var oneShotFailures: [Int] = [], chunkedFailures: [Int] = []
        for (message, digest) in zip(messages, expected) {
            if Keccak256.hash(message).description != digest { oneShotFailures.append(message.count) }
            var hasher = Keccak256()
            var rest = message[...]
            while !rest.isEmpty {
                let chunk = rest.prefix(Int.random(in: 0...(Keccak256.rate + 8), using: &generator))
                hasher.update(chunk)
                rest = rest.dropFirst(chunk.count)
            }
            if hasher.finalize().description != digest { chunkedFailures.append(message.count) }
        }
        let seed = generator.seed
        #expect(oneShotFailures.isEmpty, "one-shot digests wrong, lengths \(oneShotFailures.prefix(10)), seed \(seed)")
        #expect(chunkedFailures.isEmpty, "chunked digests wrong, lengths \(chunkedFailures.prefix(10)), seed \(seed)")
    }

    // MARK: Streaming

    @Test(arguments: [0, 1, 135, 136, 137, 300])
    func everyTwoWaySplitAcrossUpdatesGivesTheOneShotDigest(length: Int) async throws {
        var generator = SeededGenerator()
        let message = generator.bytes(length)
        let expected = try Self.oracleDigests([message])[0]
        let failingCuts = (0...length).filter { cut in
            Self.streamed(message, cuts: [cut]).description != expected
        }
        #expect(failingCuts.isEmpty, "cuts \(failingCuts) of length \(length), seed \(generator.seed)")
    }

    @Test(arguments: [137, 273])
    func everyThreeWaySplitAcrossUpdatesGivesTheOneShotDigest(length: Int) async throws {
        var generator = SeededGenerator()
        let message = generator.bytes(length)
        let expected = try Self.oracleDigests([message])[0]
        var failingCuts: [[Int]] = []
        for first in 0...length {
            for second in first...length where Self.streamed(message, cuts: [first, second]).description != expected {
                failingCuts.append([first, second])
            }
        }
        #expect(failingCuts.isEmpty, "cuts \(failingCuts.prefix(20)) of length \(length), seed \(generator.seed)")
    }

    @Test(arguments: [0, 1, 31, 32, 135, 136, 137, 1000])
    func everyInputTypeGivesTheSameDigest(length: Int) async throws {
        var generator = SeededGenerator()
        let bytes = (0..<length).map { _ in UInt8.random(in: 0x20...0x7e, using: &generator) }  // ASCII, a String too
        let expected = try Self.oracleDigests([bytes])[0]
        let framed = [0xee] + bytes + [0xee]
        var streamed = Keccak256()
        streamed.update(Data(bytes))
        var streamedText = Keccak256()
        streamedText.update(String(decoding: bytes, as: UTF8.self))
        var streamedSequence = Keccak256()
        streamedSequence.update(bytes.lazy.map { $0 })

        let digests: KeyValuePairs<String, Bytes32> = [
            "[UInt8]": Keccak256.hash(bytes),
            "Data": Keccak256.hash(Data(bytes)),
            "ArraySlice": Keccak256.hash(framed[1..<(framed.count - 1)]),
            "String": Keccak256.hash(String(decoding: bytes, as: UTF8.self)),
            "raw buffer": bytes.withUnsafeBytes { Keccak256.hash($0) },
            "non-contiguous sequence": Keccak256.hash(bytes.lazy.map { $0 }),
            "update(Data)": streamed.finalize(),
            "update(String)": streamedText.finalize(),
            "update(non-contiguous sequence)": streamedSequence.finalize(),
        ]
        for (kind, digest) in digests {
            #expect(digest.description == expected, "\(kind), length \(length), seed \(generator.seed)")
        }
    }

    // MARK: Helpers

    /// Why a vector file could not be read.
    struct VectorFileError: Error, CustomStringConvertible {
        let description: String
    }

    /// The digests of `messages` by the pycryptodome oracle, in one call.
    static func oracleDigests(_ messages: [[UInt8]]) throws -> [String] {
        try PythonOracle.call("keccak", messages.map { Hex.encode($0, prefix: false) }, as: [String].self)
    }

    /// The digest of `message` fed to one hasher in pieces cut at `cuts` (ascending offsets).
    static func streamed(_ message: [UInt8], cuts: [Int]) -> Bytes32 {
        var hasher = Keccak256()
        message.withUnsafeBytes { raw in
            for (start, end) in zip([0] + cuts, cuts + [raw.count]) {
                hasher.update(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
            }
        }
        return hasher.finalize()
    }

    /// The records of `Vectors/<name>.txt`: groups of `Key = value` lines separated by blank lines; `#` starts a
    /// comment line.
    static func records(_ name: String) throws -> [[String: String]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Vectors") else {
            throw VectorFileError(description: "no Vectors/\(name).txt in the test bundle")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        var records: [[String: String]] = [], record: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                if !record.isEmpty { records.append(record) }
                record = [:]
            } else if !line.hasPrefix("#") {
                guard let equals = line.firstIndex(of: "=") else {
                    throw VectorFileError(description: "Vectors/\(name).txt: no '=' in \(line)")
                }
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                record[key] = String(line[line.index(after: equals)...].dropFirst())
            }
        }
        if !record.isEmpty { records.append(record) }
        return records
    }

    /// The answers of a file in the Keccak team's KAT format (`Len` in bits, `Msg`, `MD`).
    static func knownAnswers(inKATFile name: String) throws -> [KnownAnswer] {
        try records(name).map { record in
            guard let length = record["Len"].flatMap({ Int($0) }), let message = record["Msg"],
                  let digest = record["MD"]
            else { throw VectorFileError(description: "\(name): incomplete record \(record)") }
            let bytes = length == 0 ? [] : try Hex.decode(message)
            guard bytes.count * 8 == length else {
                throw VectorFileError(description: "\(name): Len = \(length) but Msg has \(bytes.count) bytes")
            }
            return KnownAnswer(label: "Len = \(length)", message: bytes, digest: "0x" + digest.lowercased())
        }
    }

    /// The answers of a file of `Text`, optional `Repeat` and `MD` records.
    static func knownAnswers(inTextFile name: String) throws -> [KnownAnswer] {
        try records(name).map { record in
            guard let text = record["Text"], let digest = record["MD"] else {
                throw VectorFileError(description: "\(name): incomplete record \(record)")
            }
            let repeats = record["Repeat"].flatMap { Int($0) } ?? 1
            let label = repeats == 1 ? "\"\(text)\"" : "\"\(text)\" × \(repeats)"
            let message = Array(String(repeating: text, count: repeats).utf8)
            return KnownAnswer(label: label, message: message, digest: "0x" + digest.lowercased())
        }
    }
}
