import Foundation
import PodiumABI
import PodiumContracts
import PodiumPrimitives
import PodiumProvider
import PodiumTestSupport
import Testing

/// The committed artifacts are what the pinned compiler makes of contracts/, and the library carries them unchanged.
@Suite struct ArtifactTests {
    static let root = PythonOracle.repositoryRoot

    @Test func artifactsAreAFreshCompileOfTheSources() async throws {
        let (status, text) = try await offPool { () throws -> (Int32, String) in
            let process = Process()
            process.executableURL = PythonOracle.python
            process.arguments = [Self.root.appendingPathComponent("scripts/compile-contracts").path, "--check"]
            let (output, errors) = try process.runCollectingOutput()
            return (process.terminationStatus, String(decoding: output + errors, as: UTF8.self))
        }
        #expect(status == 0, "\(text)")
    }

    /// Each typed binding's event declaration is the event the compiler put in the contract's ABI.
    @Test func bindingEventsAreTheCompiledEvents() throws {
        let bindings: [(String, [any ABIEventType.Type])] = [
            ("GlicoToken", [GlicoToken.Transfer.self, GlicoToken.Approval.self, OwnershipTransferred.self]),
            ("PrizeDistributor", [
                PrizeDistributor.PrizesDistributed.self, PrizeDistributor.PeriodPaid.self, PrizeDistributor.Paused.self,
                PrizeDistributor.Unpaused.self, PrizeDistributor.PeriodCapChanged.self,
                PrizeDistributor.GameWalletChanged.self, OwnershipTransferred.self,
            ]),
            ("GamePassSale", [GamePassSale.GamePassPurchased.self, GamePassSale.PriceChanged.self, OwnershipTransferred.self]),
        ]
        for (name, events) in bindings {
            let compiled = try ContractArtifacts.artifact(named: name).abi.events
            #expect(Set(events.map { $0.event }) == Set(compiled), "\(name)")
        }
        // The seed's Solidity event has the same signature hash.
        #expect(PrizeDistributor.PrizesDistributed.topic0 == Keccak256.hash("PrizesDistributed(uint8,address[],uint256[],uint256)"))
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
