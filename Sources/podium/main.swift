import PodiumCLI

// Parse, then run the chosen command, awaiting it when it is asynchronous.
do {
    var command = try Podium.parseAsRoot()
    if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
    } else {
        try command.run()
    }
} catch {
    Podium.exit(withError: error)
}
