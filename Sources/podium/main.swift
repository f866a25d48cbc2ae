import PodiumCLI

await Podium.runAsMain()
