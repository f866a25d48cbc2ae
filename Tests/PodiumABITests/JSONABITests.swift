import Foundation
import PodiumABI
import PodiumPrimitives
import Testing

/// JSON ABIs: plain arrays and Foundry / Hardhat artifacts (Vectors/README.md says how the files were written).
@Suite struct JSONABITests {
    static func vector(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors"))
        return try Data(contentsOf: url)
    }

    @Test func foundryArtifactFunctionsHaveTheSelectorsFoundryListed() throws {
        let data = try Self.vector("erc20.foundry")
        let abi = try ContractABI(json: data)
        let listed =
            try #require(
                try JSONSerialization.jsonObject(with: data) as? [String: Any])["methodIdentifiers"]
            as? [String: String]
        #expect(abi.functions.count == 9)
        #expect(Set(abi.functions.map(\.signature)) == Set(try #require(listed).keys))
        for function in abi.functions {
            #expect(
                function.selector.description == "0x" + (listed?[function.signature] ?? ""), "\(function.signature)")
        }
        #expect(abi.function(selector: Selector(rawValue: 0xa905_9cbb))?.name == "transfer")
        #expect(abi.function(signature: "balanceOf(address)")?.stateMutability == .view)
        #expect(abi.constructor?.inputs.map(\.name) == ["name_", "symbol_"])
        #expect(abi.events.map(\.name) == ["Approval", "Transfer"])
        #expect(abi.errors.count == 6)
    }

    @Test func hardhatArtifactHoldsTheSameABI() throws {
        #expect(try ContractABI(json: Self.vector("erc20.hardhat")) == ContractABI(json: Self.vector("erc20.foundry")))
    }

    @Test func lookupsFindEventsAndErrorsByHash() throws {
        let abi = try ContractABI(json: Self.vector("erc20.hardhat"))
        let transfer = try #require(abi.event(topic0: Keccak256.hash("Transfer(address,address,uint256)")))
        #expect(transfer.inputs.map(\.indexed) == [true, true, false])
        let insufficient = try #require(abi.errors(named: "ERC20InsufficientBalance").first)
        #expect(
            abi.error(selector: Selector(signature: "ERC20InsufficientBalance(address,uint256,uint256)"))
                == insufficient)
        #expect(insufficient.inputs.map(\.name) == ["sender", "balance", "needed"])
    }

    @Test func plainArrayWithEveryKindOfEntry() throws {
        let abi = try ContractABI(json: Self.vector("prize-distributor.abi"))
        #expect(abi.constructor?.inputs.first?.internalType == "contract IERC20")
        let overloads = abi.functions(named: "distribute")
        #expect(
            overloads.map(\.signature) == [
                "distribute(bytes32,uint8,address[],uint256[])", "distribute(bytes32,(address,uint256,bytes)[])",
            ])
        #expect(abi.function(selector: overloads[1].selector) == overloads[1])
        let payouts = overloads[1].inputs[1]
        #expect(payouts.components.map(\.name) == ["winner", "amount", "memo"])
        #expect(payouts.internalType == "struct Payout[]")
        let settlements = try #require(abi.functions(named: "settlements").first)
        #expect(settlements.inputs[0].type == .array(.fixedArray(.bytes32, 2)))
        #expect(settlements.outputs[0].type.canonicalName == "(uint256,(address,uint256,bytes)[3],string)")
        #expect(settlements.outputs[0].components[1].components.map(\.name) == ["winner", "amount", "memo"])
        #expect(abi.functions(named: "paused").first?.stateMutability == .view)
        #expect(abi.functions(named: "pause").first?.stateMutability == .nonpayable)
        #expect(abi.functions(named: "fund").first?.stateMutability == .payable)
        let closed = try #require(abi.events(named: "PeriodClosed").first)
        #expect(closed.anonymous)
        #expect(abi.event(topic0: closed.topic0) == nil, "anonymous events have no signature topic")
        #expect(abi.event(topic0: Keccak256.hash("PrizesDistributed(uint8,address[],uint256[],uint256)")) != nil)
        #expect(abi.fallback == ABIFallback(stateMutability: .payable))
        #expect(abi.hasReceive)
    }

    @Test func etherscanStyleStringABIInsideAnObject() throws {
        let abi = try ContractABI(
            json: #"{"status":"1","abi":"[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[]}]"}"#)
        #expect(abi.functions.map(\.signature) == ["f()"])
    }

    @Test(arguments: [
        (
            "[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"name\":\"x\",\"type\":\"uint7\"}]}]",
            JSONABIError.invalidType(
                ABIParseError(input: "uint7", position: 0, reason: .invalidIntegerWidth("uint7")), entry: 0)
        ),
        (
            "[{\"type\":\"event\",\"name\":\"E\"}, {\"type\":\"function\",\"name\":\"g\",\"inputs\":[{\"type\":\"tuple[]\"}]}]",
            .missingComponents(type: "tuple[]", entry: 1)
        ),
        (
            "[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"type\":\"tuple[0]\",\"components\":[{\"type\":\"bool\"}]}]}]",
            .invalidType(ABIParseError(input: "tuple[0]", position: 6, reason: .zeroLengthArray), entry: 0)
        ),
        ("[{\"type\":\"modifier\",\"name\":\"m\"}]", .unknownEntryType("modifier", entry: 0)),
        ("[{\"type\":\"function\",\"inputs\":[]}]", .missingName(entry: 0)),
        (
            "[{\"type\":\"function\",\"name\":\"f\",\"stateMutability\":\"constant\"}]",
            .invalidStateMutability("constant", entry: 0)
        ),
        ("{\"bytecode\":\"0x00\"}", .missingABI),
    ])
    func malformedABIsAreRejectedWithTheEntry(_ json: String, _ expected: JSONABIError) {
        #expect(throws: expected) { try ContractABI(json: json) }
    }

    @Test func textThatIsNotJSONIsRejected() {
        #expect {
            try ContractABI(json: "[{\"type\": ")
        } throws: { error in
            guard case .invalidJSON = error as? JSONABIError else { return false }
            return true
        }
    }
}
