import Foundation
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumTestSupport
import Testing

/// The committed artifacts are what the pinned compiler makes of contracts/, and the library carries them unchanged.
@Suite struct ArtifactTests {
    static let root = PythonOracle.repositoryRoot

    @Test func artifactsAreAFreshCompileOfTheSources() throws {
        let process = Process()
        process.executableURL = PythonOracle.python
        process.arguments = [Self.root.appendingPathComponent("scripts/compile-contracts").path, "--check"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    @Test func embeddedArtifactsMatchTheFilesInAbi() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("abi").path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        #expect(files == ContractArtifacts.names)
        for name in files {
            let text = try String(contentsOf: Self.root.appendingPathComponent("abi/\(name).json"), encoding: .utf8)
            #expect(ContractArtifacts.json(named: name) == String(text.dropLast(text.hasSuffix("\n") ? 1 : 0)))
            let artifact = try ContractArtifacts.artifact(named: name)
            let source = try Data(contentsOf: Self.root.appendingPathComponent(artifact.sourcePath))
            #expect(artifact.sourceHash == Keccak256.hash(source))
            #expect(!artifact.creationCode.isEmpty && !artifact.runtimeCode.isEmpty)
        }
    }
}
