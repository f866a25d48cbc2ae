/// The artifacts of Podium's own contracts, compiled from contracts/ into abi/ and built into the library.
public enum ContractArtifacts {
    /// The names of the contracts, sorted.
    public static var names: [String] { embeddedJSON.keys.sorted() }

    /// The artifact of contract `name` (`GlicoToken`, `PrizeDistributor`, `Disperser`, `GamePassSale`).
    public static func artifact(named name: String) throws(ArtifactError) -> ContractArtifact {
        guard let json = embeddedJSON[name] else { throw .missing(name) }
        return try ContractArtifact(json: Array(json.utf8))
    }

    /// The artifact file's text for contract `name`, as abi/ holds it (without the final newline).
    public static func json(named name: String) -> String? { embeddedJSON[name] }
}
