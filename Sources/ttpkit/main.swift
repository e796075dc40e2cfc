import Foundation
import TTPKitCLI

exit(TTPKit.run())
