import TTPKitCLI
