import ATTACK
import Foundation

/// A TAXII 2.1 discovery resource (`GET /taxii2/`): the server's API roots.
public struct TAXIIDiscovery: Sendable, Hashable {
    /// The server's title.
    public let title: String
    /// A longer description, if given.
    public let description: String?
    /// Contact information, if given.
    public let contact: String?
    /// The default API root, resolved against the discovery URL.
    public let defaultAPIRoot: URL?
    /// All API roots, resolved against the discovery URL.
    public let apiRoots: [URL]
}

/// A TAXII 2.1 API root information resource (`GET {api-root}/`).
public struct TAXIIAPIRoot: Sendable, Hashable {
    /// The API root's URL.
    public let url: URL
    /// Its title.
    public let title: String
    /// A longer description, if given.
    public let description: String?
    /// The TAXII versions it supports, e.g. `application/taxii+json;version=2.1`.
    public let versions: [String]
    /// The largest request body it accepts, in bytes, if given.
    public let maxContentLength: Int?
}

/// A TAXII 2.1 collection resource.
public struct TAXIICollection: Sendable, Hashable {
    /// The collection id (for MITRE, the `x-mitre-collection` id; see `AttackDomain.collectionID`).
    public let id: String
    /// Its title, e.g. `Enterprise ATT&CK`.
    public let title: String
    /// A longer description, if given.
    public let description: String?
    /// A short alias, if given.
    public let alias: String?
    /// Whether the caller may read objects.
    public let canRead: Bool
    /// Whether the caller may add objects.
    public let canWrite: Bool
    /// The media types of its objects.
    public let mediaTypes: [String]
    /// The ATT&CK domain, when the id is one of MITRE's three.
    public var domain: AttackDomain? { AttackDomain(collectionID: id) }
}

/// One STIX object from a TAXII collection, kept as its JSON text.
public struct TAXIIObject: Sendable, Hashable {
    /// The STIX id, e.g. `attack-pattern--…`.
    public let id: String
    /// The STIX type, e.g. `attack-pattern`.
    public let type: String
    /// The object's `modified` timestamp, if any.
    public let modified: String?
    /// The object as a JSON object (UTF-8), ready to go into a bundle.
    public let json: Data
}

/// One page of `GET {api-root}/collections/{id}/objects/` (a TAXII envelope).
public struct TAXIIPage: Sendable, Hashable {
    /// The objects of the page.
    public let objects: [TAXIIObject]
    /// True when the server has more objects after this page.
    public let more: Bool
    /// The token to pass as `next` for the following page, if the server gives one.
    public let next: String?
    /// `X-TAXII-Date-Added-First` of the response, if sent.
    public let dateAddedFirst: String?
    /// `X-TAXII-Date-Added-Last` of the response, if sent.
    public let dateAddedLast: String?
}

extension TAXIIPage {
    /// Reads the body of `GET {api-root}/collections/{id}/objects/` (a TAXII envelope);
    /// `url` names it in errors. An empty body is an empty page, as TAXII 2.1 allows.
    public init(envelope body: Data, url: URL, dateAddedFirst: String? = nil,
                dateAddedLast: String? = nil) throws(TAXIIError) {
        guard !body.isEmpty else {
            self.init(objects: [], more: false, next: nil, dateAddedFirst: dateAddedFirst, dateAddedLast: dateAddedLast)
            return
        }
        guard let envelope = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw .invalidResponse(url: url, expected: "a TAXII envelope (JSON object)")
        }
        var objects: [TAXIIObject] = []
        if let list = envelope["objects"] {
            guard let entries = list as? [Any] else {
                throw .invalidResponse(url: url, expected: "\"objects\" as an array in the TAXII envelope")
            }
            for (position, entry) in entries.enumerated() {
                guard let object = entry as? [String: Any], let id = object["id"] as? String,
                      let type = object["type"] as? String,
                      let json = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])
                else {
                    throw .invalidResponse(url: url, expected: "objects[\(position)] to be a STIX object with \"id\" and \"type\"")
                }
                objects.append(TAXIIObject(id: id, type: type, modified: object["modified"] as? String, json: json))
            }
        }
        let more = (envelope["more"] as? Bool) ?? false
        let next: String? = (envelope["next"] as? String) ?? (envelope["next"] as? Int).map(String.init)
        self.init(objects: objects, more: more, next: next, dateAddedFirst: dateAddedFirst, dateAddedLast: dateAddedLast)
    }
}

/// All objects of a collection, gathered across pages.
public struct TAXIIObjects: Sendable, Hashable {
    /// The objects, in the order received, without repeats of the same id and `modified`.
    public let objects: [TAXIIObject]
    /// How many pages were requested.
    public let pages: Int
    /// `X-TAXII-Date-Added-First` of the first page, if sent.
    public let dateAddedFirst: String?
    /// `X-TAXII-Date-Added-Last` of the last page, if sent.
    public let dateAddedLast: String?
}

/// A TAXII 2.1 error message, as a server sends it with a 4xx/5xx status.
public struct TAXIIErrorMessage: Sendable, Hashable {
    /// A short summary, e.g. `Unauthorized`.
    public let title: String
    /// A longer explanation, if given.
    public let description: String?
    /// The server's `error_id`, if given.
    public let errorID: String?
    /// The server's `error_code`, if given.
    public let errorCode: String?

    /// `title — description`.
    public var text: String {
        [title, description].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — ")
    }

    /// Parses a TAXII error body; `nil` when it is not one.
    init?(json data: Data) {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        guard let title = object["title"] as? String ?? object["message"] as? String else { return nil }
        self.title = title
        self.description = object["description"] as? String
        self.errorID = object["error_id"] as? String
        self.errorCode = (object["error_code"] as? String) ?? (object["error_code"] as? Int).map(String.init)
    }
}

/// The result of `TAXIIClient.fetchCollectionAsBundle`.
public struct TAXIIBundleFile: Sendable, Hashable {
    /// The bundle file written.
    public let file: URL
    /// The number of objects in it.
    public let objectCount: Int
    /// The ATT&CK domain, when the collection is one of MITRE's or its objects say it.
    public let domain: AttackDomain?
    /// The ATT&CK version, from the collection's `x-mitre-collection` object, if present.
    public let version: AttackVersion?
    /// True when the file was verified and named as a release
    /// (`<domain>-attack-<version>.json`), so commands load it from the cache by themselves;
    /// false for other collections, which are loaded by giving the file's path.
    public let isRelease: Bool
}

/// Basic-auth credentials for a TAXII server.
public struct TAXIICredentials: Sendable, Hashable {
    /// The user name.
    public let username: String
    /// The password.
    public let password: String

    /// Credentials sent as `Authorization: Basic …`.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    var authorizationHeader: String {
        "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }
}

/// Why a TAXII request failed.
public enum TAXIIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No complete response: offline, DNS, TLS, refused, timeout, connection lost.
    case transport(url: URL, reason: String)
    /// The server answered a non-2xx status, with its TAXII error message if it sent one.
    case httpStatus(url: URL, status: Int, message: TAXIIErrorMessage?)
    /// The body is not the TAXII resource expected.
    case invalidResponse(url: URL, expected: String)
    /// The server said there are more objects but gave no way to ask for them.
    case paginationStalled(url: URL, page: Int)
    /// The bundle file could not be written.
    case fileSystem(path: String, reason: String)
    /// The collection claims to be an ATT&CK release (MITRE's collection id, or an
    /// `x-mitre-collection` object) but is not a complete one; nothing was saved.
    case notARelease(problem: BundleVerificationError)
    /// A cached release would be replaced; nothing was saved.
    case wouldReplace(path: String)
    /// The file name asked for is not a plain name inside the cache.
    case invalidFileName(String)
    /// The objects together went past the largest bundle accepted; nothing was saved.
    case tooLarge(limit: Int64)

    public var description: String {
        switch self {
        case .transport(let url, let reason):
            return "\(url.absoluteString): TAXII request failed: \(reason)"
        case .notARelease(let problem):
            return "\(problem); nothing was saved"
        case .wouldReplace(let path):
            return "\(path): a cached release is already there and was not replaced"
        case .invalidFileName(let name):
            return "\"\(name.prefix(80))\": expected a plain file name ending in .json for a file in the cache (no folders, not hidden)"
        case .tooLarge(let limit):
            return "the collection's objects went past \(ByteCount(limit)), the largest bundle accepted; nothing was saved"
        case .httpStatus(let url, let status, let message):
            var text = "\(url.absoluteString): TAXII server answered \(status) \(TAXIIError.reason(status))"
            if let message, !message.text.isEmpty { text += ": \(message.text)" }
            if status == 401 { text += " (check the TAXII user name and password)" }
            if status == 404 { text += " (check the API root URL and the collection id)" }
            return text
        case .invalidResponse(let url, let expected):
            return "\(url.absoluteString): expected \(expected)"
        case .paginationStalled(let url, let page):
            return "\(url.absoluteString): the server reports more objects after page \(page) but gives no next token or new X-TAXII-Date-Added-Last"
        case .fileSystem(let path, let reason):
            return "\(path): \(reason)"
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 406: "Not Acceptable"
        case 415: "Unsupported Media Type"
        case 416: "Requested Range Not Satisfiable"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "(HTTP status)"
        }
    }
}
