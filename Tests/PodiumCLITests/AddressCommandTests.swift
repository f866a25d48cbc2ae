import PodiumTestSupport
import Testing

@Suite struct AddressCommandTests {
    /// EIP-55's own examples, given in lowercase.
    @Test(arguments: [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ])
    func checksumsAddress(checksummed: String) async throws {
        for input in [checksummed.lowercased(), "0x" + checksummed.dropFirst(2).uppercased(), checksummed] {
            let result = try await PodiumProcess.run(["to-check-sum-address", input])
            #expect(result.status == 0)
            #expect(result.stdout == checksummed + "\n")
        }
    }

    @Test func aliasToChecksumWorks() async throws {
        let result = try await PodiumProcess.run(["to-checksum", "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"])
        #expect(result.stdout == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\n")
    }

    @Test(arguments: [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",  // one letter's case flipped
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae",  // 39 digits
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedd0",
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg",
        "",
    ])
    func rejectsMalformedAddress(input: String) async throws {
        let result = try await PodiumProcess.run(["to-check-sum-address", input])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("podium: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    /// The first contract of every anvil / Hardhat session, and a classic from the Ethereum wiki.
    @Test(arguments: [
        ("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0", "0x5FbDB2315678afecb367f032d93F642f64180aa3"),
        ("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "1", "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"),
        ("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0", "0", "0xcd234A471b72ba2F1Ccf0A70FCABA648a5eeCD8d"),
        ("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0", "1", "0x343c43A37D37dfF08AE8C4A11544c718AbB4fCF8"),
    ])
    func computesCreateAddress(deployer: String, nonce: String, expected: String) async throws {
        let result = try await PodiumProcess.run(["compute-address", deployer, "--nonce", nonce])
        #expect(result.status == 0)
        #expect(result.stdout == expected + "\n")
    }

    /// EIP-1014's worked examples.
    @Test(arguments: [
        ("0x0000000000000000000000000000000000000000",
         "0x0000000000000000000000000000000000000000000000000000000000000000", "0x00",
         "0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38"),
        ("0xdeadbeef00000000000000000000000000000000",
         "0x000000000000000000000000feed000000000000000000000000000000000000", "0x00",
         "0xD04116cDd17beBE565EB2422F2497E06cC1C9833"),
        ("0x00000000000000000000000000000000deadbeef",
         "0x00000000000000000000000000000000000000000000000000000000cafebabe",
         "0xdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
         "0x1d8bfDC5D46DC4f61D6b6115972536eBE6A8854C"),
        ("0x0000000000000000000000000000000000000000",
         "0x0000000000000000000000000000000000000000000000000000000000000000", "0x",
         "0xE33C0C7F7df4809055C3ebA6c09CFe4BaF1BD9e0"),
    ])
    func computesCreate2Address(deployer: String, salt: String, initCode: String, expected: String) async throws {
        let withCode = try await PodiumProcess.run(["compute-address", deployer, "--salt", salt, "--init-code", initCode])
        #expect(withCode.status == 0)
        #expect(withCode.stdout == expected + "\n")
        let codeHash = try await PodiumProcess.run(["keccak", initCode]).stdout.trimmingCharacters(in: .newlines)
        let withHash = try await PodiumProcess.run(
            ["compute-address", deployer, "--salt", salt, "--init-code-hash", codeHash])
        #expect(withHash.stdout == expected + "\n")
    }

    @Test(arguments: [
        // Without --nonce the node is asked; none answers here.
        ["compute-address", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "--rpc-url", ChainCommandTests.unreachable],
        ["compute-address", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "--nonce", "-1"],
        ["compute-address", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "--nonce", "18446744073709551616"],
        ["compute-address", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "--nonce", "1", "--salt", "0x00"],
        ["compute-address", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "--salt", "0x00"],
        ["compute-address", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "--salt", "0x00", "--init-code", "0x00",
         "--init-code-hash", "0x0000000000000000000000000000000000000000000000000000000000000000"],
        ["compute-address", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "--salt", "0x" + String(repeating: "0", count: 66),
         "--init-code", "0x00"],
        ["compute-address", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "--salt", "0x00", "--init-code-hash", "0x00"],
    ])
    func rejectsBadComputeAddressArguments(arguments: [String]) async throws {
        let result = try await PodiumProcess.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("podium: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }
}

/// `create2`'s salt search: the address it prints starts and ends as asked and is the CREATE2 address of the salt
/// it prints (compute-address, which the EIP-1014 vectors check).
@Suite struct Create2SearchTests {
    @Test func findsASaltForThePattern() async throws {
        let output = try await ChainCommandTests.succeed(["create2", "--starts-with", "0xab", "--ends-with", "c", "--init-code", "0x00"])
        let fields = ChainCommandTests.fields(output)
        let salt = try #require(fields["salt"]), address = try #require(fields["address"])
        #expect(address.lowercased().hasPrefix("0xab") && address.lowercased().hasSuffix("c"), "\(address)")
        let computed = try await ChainCommandTests.succeed([
            "compute-address", "0x4e59b44847b379578588920cA78FbF26c0B4956C", "--salt", salt, "--init-code", "0x00",
        ])
        #expect(computed == address)
        #expect(fields["attempts"]?.contains("salts/s") == true, "\(output)")
        #expect(try await PodiumProcess.run(["create2", "--starts-with", "xyz", "--init-code", "0x00"]).status != 0)
    }
}
