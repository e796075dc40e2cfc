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

    @Test func aPostSendsItsMethodHeadersAndBody() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/api/coverage/") { request in .json(#"{"id": \#(request.body.count)}"#, status: 201) }
        let body = Data(#"{"techniques": []}"#.utf8)
        let result = try await Self.transport.post(server.url("/api/coverage/?repository=r"), body: body,
                                                   headers: ["Content-Type": "application/json"])
        #expect(result.status == 201)
        #expect(String(decoding: result.body, as: UTF8.self) == #"{"id": \#(body.count)}"#)
        let seen = try #require(server.requests.first)
        #expect(seen.method == "POST")
        #expect(seen.body == body)
        #expect(seen.query["repository"] == "r")
        #expect(seen.headers["content-type"] == "application/json")
    }

    @Test(arguments: [307, 308])
    func aPostFollowsARedirectThatKeepsTheMethod(status: Int) async throws {
        let server = try LoopbackHTTPServer()
        server.route("/old") { _ in Self.redirect(to: "/new", status: status) }
        server.route("/new") { _ in .json("{}", status: 201) }
        let body = Data("payload".utf8)
        let result = try await Self.transport.post(server.url("/old"), body: body, headers: ["Authorization": "Bearer t"])
        #expect(result.status == 201)
        #expect(server.requests.map(\.method) == ["POST", "POST"])
        #expect(server.requests.map(\.body) == [body, body])
        #expect(server.requests.last?.headers["authorization"] == "Bearer t", "the same origin keeps the credentials")
    }

    @Test(arguments: [301, 302, 303])
    func aPostIsNotTurnedIntoAGetByARedirect(status: Int) async throws {
        let server = try LoopbackHTTPServer()
        server.route("/old") { _ in Self.redirect(to: "/new", status: status) }
        server.route("/new") { _ in .json("{}") }
        do {
            _ = try await Self.transport.post(server.url("/old"), body: Data("x".utf8))
            Issue.record("a \(status) answer to a POST must fail")
        } catch {
            #expect(error.reason == "the server redirected the POST with \(status) to \(server.url("/new").absoluteString); "
                + "only a 307 or 308 redirect keeps the method and body, so it was not followed")
        }
        #expect(server.requests.map(\.path) == ["/old"], "the target is never asked")
    }

    @Test func aPostAnswerIsCappedWhateverItsStatus() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/refused") { _ in .init(status: 401, body: .chunked(Array(repeating: Data(repeating: 0x41, count: 4096), count: 8))) }
        let transport = HTTPTransport(limits: TransferLimits(total: 600, stallTimeout: 300, maxBytes: 10_000))
        do {
            _ = try await transport.post(server.url("/refused"), body: Data())
            Issue.record("an answer over the cap must fail")
        } catch {
            guard case .tooLarge(_, let limit) = error else { Issue.record("\(error)"); return }
            #expect(limit == 10_000)
        }
    }
}
