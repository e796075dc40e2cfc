import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import STIX
import Server
import TestSupport

/// Applications and helpers the server tests share.
enum ServerFixture {
    /// The sample fixture bundle as a one-release server.
    static func sampleData() throws -> ServerData {
        let bundle = try STIXBundle.parse(Data(FixtureBundle.sample().json().utf8), source: "sample.json")
        return try ServerData.make(bundles: [bundle])
    }

    static func application(_ data: ServerData, options: ServerOptions = ServerOptions()) -> some ApplicationProtocol {
        Application(router: TTPKitServer.router(data: data, options: options), logger: quietLogger)
    }

    /// An in-memory history. Its calls are bounded generously: a loaded test run (subprocess
    /// tests hold the cooperative threads) can delay them past the server's 5 s, and a 503
    /// there would fail tests about something else. The bound itself is DatabaseOutageTests'.
    static func memoryHistory() async throws -> GuardedHistoryStore {
        try await HistoryDatabase.open("sqlite::memory:", logger: quietLogger, timeout: .seconds(300))
    }

    /// Request logs only at warning and above, so test output stays readable.
    static let quietLogger: Logger = {
        var logger = Logger(label: "ttpkit.test")
        logger.logLevel = .warning
        return logger
    }()

    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer: buffer))
        guard let dictionary = object as? [String: Any] else { throw FixtureError("not a JSON object: \(String(buffer: buffer).prefix(200))") }
        return dictionary
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

extension HTTPFields {
    static let taxii: HTTPFields = [.accept: "application/taxii+json;version=2.1"]
}
