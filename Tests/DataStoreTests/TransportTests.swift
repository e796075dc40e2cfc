import Foundation
import Testing
@testable import DataStore
import TestSupport

/// The HTTP transport's own bounds: redirects are followed only to http(s), at most
/// `HTTPTransport.redirectLimit` times, and credentials never follow a redirect to another origin.
@Suite struct TransportTests {
    /// A transport whose deadline starts now, generous: a full parallel test run can keep a
    /// test waiting for a thread for minutes.
    static var transport: HTTPTransport { HTTPTransport(limits: TransferLimits(total: 600, stallTimeout: 300, maxBytes: 1_000_000)) }

    static func redirect(to location: String, status: Int = 302) -> LoopbackHTTPServer.Response {
        .init(status: status, headers: ["Location": location])
    }

    @Test(arguments: [301, 302, 303, 307, 308])
    func aRedirectWithinHTTPIsFollowed(status: Int) async throws {
        let server = try LoopbackHTTPServer()
        server.route("/old.json") { _ in Self.redirect(to: "/new.json", status: status) }
        server.route("/new.json") { _ in .json(#"{"moved": true}"#) }
        let result = try await Self.transport.fetch(server.url("/old.json"))
        #expect(result.status == 200)
        #expect(result.url == server.url("/new.json"))
        #expect(String(decoding: result.body, as: UTF8.self) == #"{"moved": true}"#)
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://127.0.0.1/x.json", "gopher://127.0.0.1:70/"])
    func aRedirectToAnotherSchemeIsRefused(location: String) async throws {
        let server = try LoopbackHTTPServer()
        server.route("/index.json") { _ in Self.redirect(to: location) }
        await #expect(throws: TransportError.self) { try await Self.transport.fetch(server.url("/index.json")) }
        do {
            _ = try await Self.transport.fetch(server.url("/index.json"))
        } catch {
            #expect(error.reason.hasPrefix("only http and https are fetched"), "\(error.reason)")
        }
    }

    @Test func aRedirectLoopStopsAtTheLimit() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/loop") { _ in Self.redirect(to: "/loop") }
        do {
            _ = try await Self.transport.fetch(server.url("/loop"))
            Issue.record("a redirect loop must fail")
        } catch {
            #expect(error.reason == "more than \(HTTPTransport.redirectLimit) redirects; stopped")
        }
        #expect(server.requests.count == HTTPTransport.redirectLimit + 1)
    }

    @Test func credentialsDoNotFollowARedirectToAnotherOrigin() async throws {
        let first = try LoopbackHTTPServer()
        let second = try LoopbackHTTPServer()
        second.route("/page.json") { _ in .json("{}") }
        let target = second.url("/page.json").absoluteString
        first.route("/page.json") { _ in Self.redirect(to: target) }
        first.route("/same.json") { _ in Self.redirect(to: "/other.json") }
        first.route("/other.json") { _ in .json("{}") }
        let headers = ["Authorization": "Basic dXNlcjpzZWNyZXQ="]

        _ = try await Self.transport.fetch(first.url("/page.json"), headers: headers)
        #expect(first.requests.first?.headers["authorization"] == "Basic dXNlcjpzZWNyZXQ=")
        #expect(second.requests.count == 1)
        #expect(second.requests.first?.headers["authorization"] == nil, "another origin never sees the credentials")

        _ = try await Self.transport.fetch(first.url("/same.json"), headers: headers)
        #expect(first.requests.last?.path == "/other.json")
        #expect(first.requests.last?.headers["authorization"] == "Basic dXNlcjpzZWNyZXQ=", "the same origin keeps them")
    }

    @Test func aURLWithoutAHostIsRefusedBeforeAnyConnection() async {
        do {
            _ = try await Self.transport.fetch(URL(string: "http:///index.json") ?? URL(fileURLWithPath: "/"))
            Issue.record("a URL without a host must fail")
        } catch {
            #expect(error.reason == "the URL names no host")
        }
    }
}
