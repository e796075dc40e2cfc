import ATTACK
import Foundation
import STIX

/// A TAXII 2.1 client: discovery, API roots, collections and their objects, with pagination.
///
/// Requests send `Accept: application/taxii+json;version=2.1` and, when credentials are given,
/// basic authentication. `objects` follows the envelope's `more`/`next` until the server has
/// nothing more (falling back to `added_after` = `X-TAXII-Date-Added-Last` for servers that
/// send `more` without `next`). `fetchCollectionAsBundle` turns a whole collection into a
/// bundle file in the cache, so TAXII data loads like any downloaded release:
///
/// ```swift
/// let client = TAXIIClient()
/// let saved = try await client.fetchCollectionAsBundle(
///     apiRoot: TAXIIClient.mitreAPIRoot, collectionID: AttackDomain.ics.collectionID, cache: .resolve())
/// print(saved.file.lastPathComponent, saved.objectCount)   // ics-attack-18.1.json 1702
/// ```
public struct TAXIIClient: Sendable {
    /// MITRE's ATT&CK TAXII 2.1 API root.
    public static let mitreAPIRoot = URL(string: "https://attack-taxii.mitre.org/api/v21/")!
    /// MITRE's ATT&CK TAXII 2.1 discovery URL.
    public static let mitreDiscovery = URL(string: "https://attack-taxii.mitre.org/taxii2/")!
    /// MITRE's collection ids on the TAXII server, one per domain.
    public static let mitreCollections: [AttackDomain: String] =
        Dictionary(uniqueKeysWithValues: AttackDomain.allCases.map { ($0, $0.collectionID) })
    /// The TAXII 2.1 media type.
    public static let mediaType = "application/taxii+json;version=2.1"

    /// Sent with every request when set.
    public let credentials: TAXIICredentials?
    /// Seconds one call may take in all (every page of `objects` together).
    public let timeout: TimeInterval
    /// Seconds without a byte before a request fails.
    public let stallTimeout: TimeInterval

    /// A client; `credentials` are sent as basic auth.
    public init(credentials: TAXIICredentials? = nil, timeout: TimeInterval = ReleaseDownloader.defaultTimeout,
                stallTimeout: TimeInterval = 60) {
        self.credentials = credentials
        self.timeout = timeout
        self.stallTimeout = stallTimeout
    }

    /// Fresh limits for one call: pages and resources up to `TransferLimits.documentBytes`.
    private func limits() -> TransferLimits {
        TransferLimits(total: timeout, stallTimeout: stallTimeout, maxBytes: TransferLimits.documentBytes)
    }

    // MARK: Resources

    /// Reads the discovery resource. A URL with no path (`https://host`) means `/taxii2/`.
    public func discovery(_ url: URL) async throws(TAXIIError) -> TAXIIDiscovery {
        var target = url
        if url.path.isEmpty || url.path == "/" {
            target = Self.resolve("taxii2/", against: url)
        }
        let (object, final) = try await getObject(target, expected: "a TAXII discovery resource")
        guard let title = object["title"] as? String else {
            throw .invalidResponse(url: final, expected: "a TAXII discovery resource with a \"title\"")
        }
        let roots = (object["api_roots"] as? [String] ?? []).map { Self.resolve($0, against: final) }
        return TAXIIDiscovery(
            title: title, description: object["description"] as? String, contact: object["contact"] as? String,
            defaultAPIRoot: (object["default"] as? String).map { Self.resolve($0, against: final) },
            apiRoots: roots)
    }

    /// Reads an API root's information resource.
    public func apiRoot(_ apiRoot: URL) async throws(TAXIIError) -> TAXIIAPIRoot {
        let root = Self.directory(apiRoot)
        let (object, final) = try await getObject(root, expected: "a TAXII API root resource")
        guard let title = object["title"] as? String else {
            throw .invalidResponse(url: final, expected: "a TAXII API root resource with a \"title\"")
        }
        return TAXIIAPIRoot(url: root, title: title, description: object["description"] as? String,
                            versions: object["versions"] as? [String] ?? [],
                            maxContentLength: object["max_content_length"] as? Int)
    }

    /// Lists an API root's collections.
    public func collections(apiRoot: URL) async throws(TAXIIError) -> [TAXIICollection] {
        let url = Self.resolve("collections/", against: Self.directory(apiRoot))
        let (object, final) = try await getObject(url, expected: "a TAXII collections resource")
        guard let list = object["collections"] else { return [] }  // TAXII 2.1: absent when empty
        guard let entries = list as? [[String: Any]] else {
            throw .invalidResponse(url: final, expected: "\"collections\" as an array of collection objects")
        }
        var result: [TAXIICollection] = []
        for entry in entries {
            result.append(try Self.collection(from: entry, url: final))
        }
        return result
    }

    /// Reads one collection.
    public func collection(apiRoot: URL, id: String) async throws(TAXIIError) -> TAXIICollection {
        let url = Self.collectionURL(apiRoot: apiRoot, id: id, suffix: "")
        let (object, final) = try await getObject(url, expected: "a TAXII collection resource")
        return try Self.collection(from: object, url: final)
    }

    /// Reads one page of a collection's objects.
    ///
    /// - Parameters:
    ///   - addedAfter: only objects added after this timestamp (`added_after`).
    ///   - limit: the page size to ask for (`limit`); the server may send fewer.
    ///   - next: the token of the previous page's envelope.
    public func objectsPage(apiRoot: URL, collectionID: String, addedAfter: String? = nil, limit: Int? = nil,
                            next: String? = nil) async throws(TAXIIError) -> TAXIIPage {
        try await objectsPage(apiRoot: apiRoot, collectionID: collectionID, addedAfter: addedAfter, limit: limit,
                              next: next, limits: limits())
    }

    private func objectsPage(apiRoot: URL, collectionID: String, addedAfter: String?, limit: Int?,
                             next: String?, limits: TransferLimits) async throws(TAXIIError) -> TAXIIPage {
        var url = Self.collectionURL(apiRoot: apiRoot, id: collectionID, suffix: "objects/")
        var query: [URLQueryItem] = []
        if let addedAfter { query.append(URLQueryItem(name: "added_after", value: addedAfter)) }
        if let limit { query.append(URLQueryItem(name: "limit", value: String(limit))) }
        if let next { query.append(URLQueryItem(name: "next", value: next)) }
        if !query.isEmpty, var components = URLComponents(url: url, resolvingAgainstBaseURL: true) {
            components.queryItems = query
            // `+` in timestamps with offsets must not read as a space.
            components.percentEncodedQuery = components.percentEncodedQuery?
                .replacingOccurrences(of: "+", with: "%2B")
            url = components.url ?? url
        }
        let result = try await get(url, limits: limits)
        return try TAXIIPage(envelope: result.body, url: result.url,
                             dateAddedFirst: result.headers["x-taxii-date-added-first"],
                             dateAddedLast: result.headers["x-taxii-date-added-last"])
    }

    /// Reads all objects of a collection, following pagination.
    ///
    /// - Parameters:
    ///   - addedAfter: only objects added after this timestamp; passed on every page.
    ///   - limit: the page size to ask for; when `nil`, the server picks it for the first page and
    ///     later pages ask for the same size.
    ///   - maxPages: stop with an error after this many pages (a guard against endless servers).
    public func objects(apiRoot: URL, collectionID: String, addedAfter: String? = nil, limit: Int? = nil,
                        maxPages: Int = 10_000, progress: ProgressHandler? = nil) async throws(TAXIIError) -> TAXIIObjects {
        let limits = limits()
        var collected: [TAXIIObject] = []
        var collectedBytes: Int64 = 0
        var seen = Set<String>()
        var next: String?
        var after = addedAfter
        var pages = 0
        var first: String?
        var last: String?
        var pageLimit = limit
        while true {
            let page = try await objectsPage(apiRoot: apiRoot, collectionID: collectionID, addedAfter: after,
                                             limit: pageLimit, next: next, limits: limits)
            pages += 1
            if pages == 1 {
                first = page.dateAddedFirst
                // medallion 3.0.0 answers 500 to `next` without `limit`; asking for pages of the
                // size the server chose for the first one is equivalent and works everywhere.
                if pageLimit == nil, !page.objects.isEmpty { pageLimit = page.objects.count }
            }
            last = page.dateAddedLast ?? last
            for object in page.objects where seen.insert(object.id + "|" + (object.modified ?? "")).inserted {
                collectedBytes += Int64(object.json.count)
                guard collectedBytes <= Int64(FileBytes.bundleLimit) else { throw .tooLarge(limit: Int64(FileBytes.bundleLimit)) }
                collected.append(object)
            }
            progress?(.taxiiPage(collection: collectionID, page: pages, objects: page.objects.count,
                                 total: collected.count))
            guard page.more else { break }
            let stalled = TAXIIError.paginationStalled(
                url: Self.collectionURL(apiRoot: apiRoot, id: collectionID, suffix: "objects/"), page: pages)
            if let token = page.next, !token.isEmpty {
                // Servers may keep one cursor token for every page (medallion does); only a
                // page that brings nothing under the same token means no progress.
                guard token != next || !page.objects.isEmpty else { throw stalled }
                next = token
            } else if let dateAddedLast = page.dateAddedLast, dateAddedLast != after, !page.objects.isEmpty {
                after = dateAddedLast
                next = nil
            } else {
                throw stalled
            }
            guard pages < maxPages else { throw stalled }
        }
        return TAXIIObjects(objects: collected, pages: pages, dateAddedFirst: first, dateAddedLast: last)
    }

    /// Fetches every object of a collection and writes them as one STIX bundle in the cache.
    ///
    /// A collection that is an ATT&CK release — MITRE's collection id, or objects with an
    /// `x-mitre-collection` naming a domain and version — is verified like a downloaded release
    /// (`BundleVerifier`: complete, of the domain its id says, of the version its collection
    /// object says) and saved as `<domain>-attack-<version>.json`, so later commands find it.
    /// A collection that fails that check is refused; one that claims nothing is saved as
    /// `taxii-<collection id>.json`, to be loaded by its path. With `addedAfter` the objects are
    /// part of a collection and never named as a release. `fileName` overrides the name; it
    /// must be a plain `.json` name in the cache, and a release name there is verified as that
    /// release. An existing release is replaced only with `force`. The file is written to a
    /// `.partial` file beside it and renamed into place.
    public func fetchCollectionAsBundle(apiRoot: URL, collectionID: String, cache: CacheDirectory,
                                        fileName: String? = nil, addedAfter: String? = nil, limit: Int? = nil,
                                        force: Bool = false, progress: ProgressHandler? = nil) async throws -> TAXIIBundleFile {
        if let fileName, !Self.isPlainFileName(fileName) { throw TAXIIError.invalidFileName(fileName) }
        let fetched = try await objects(apiRoot: apiRoot, collectionID: collectionID, addedAfter: addedAfter,
                                        limit: limit, progress: progress)
        var bundle = Data()
        bundle.append(Data("{\"type\":\"bundle\",\"id\":\"bundle--\(UUID().uuidString.lowercased())\",\"objects\":[".utf8))
        for (position, object) in fetched.objects.enumerated() {
            bundle.append(Data((position == 0 ? "\n" : ",\n").utf8))
            bundle.append(object.json)
        }
        bundle.append(Data("\n]}\n".utf8))

        let (name, release) = try Self.name(for: bundle, collectionID: collectionID, fileName: fileName,
                                            partial: addedAfter != nil)
        try cache.create()
        cache.removeStalePartialFiles()
        let destination = cache.url.appendingPathComponent(name)
        if release != nil, !force, FileManager.default.fileExists(atPath: destination.path) {
            throw TAXIIError.wouldReplace(path: destination.path)
        }
        let temporary = cache.partialFile(for: name)
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            try bundle.write(to: temporary)
        } catch {
            throw TAXIIError.fileSystem(path: temporary.path, reason: error.localizedDescription)
        }
        do {
            try ReleaseDownloader.moveIntoPlace(temporary, destination)
        } catch {
            throw TAXIIError.fileSystem(path: destination.path, reason: String(describing: error))
        }
        return TAXIIBundleFile(file: destination, objectCount: fetched.objects.count,
                               domain: release?.domain ?? AttackDomain(collectionID: collectionID),
                               version: release?.version, isRelease: release != nil)
    }

    /// The file name for a fetched collection, and the release it was verified to be (nil when
    /// it is not saved as one).
    static func name(for bundle: Data, collectionID: String, fileName: String?,
                     partial: Bool) throws(TAXIIError) -> (String, BundleVerifier.Summary?) {
        let fallback = "taxii-" + String(collectionID.prefix(100).map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }) + ".json"
        let named = fileName.flatMap(CacheDirectory.parseBundleFileName)
        if partial {
            // Objects added after a date are not a release, whatever they say.
            guard named == nil else { throw .invalidFileName(fileName ?? "") }
            return (fileName ?? fallback, nil)
        }
        let claimedDomain = named?.0 ?? AttackDomain(collectionID: collectionID)
        let summary: BundleVerifier.Summary
        do {
            summary = try BundleVerifier.verify(data: bundle, source: "TAXII collection \(collectionID)")
        } catch {
            // Not ATT&CK at all: fine for another collection, refused for one that claims a release.
            if claimedDomain != nil || Self.mentionsCollectionObject(bundle) { throw .notARelease(problem: error) }
            return (fileName ?? fallback, nil)
        }
        guard let domain = claimedDomain ?? summary.domain, let version = named?.1 ?? summary.version else {
            // ATT&CK objects without a version to name them by (no x-mitre-collection):
            // kept under the collection's name, loaded by path.
            return (fileName ?? fallback, nil)
        }
        do {
            let verified = try BundleVerifier.verify(data: bundle, source: "TAXII collection \(collectionID)",
                                                     expecting: .init(domain: domain, version: version))
            return (fileName ?? domain.fileName(version: version.text), verified)
        } catch {
            throw .notARelease(problem: error)
        }
    }

    /// True when the bytes hold an `x-mitre-collection` object (a claim to be ATT&CK data).
    private static func mentionsCollectionObject(_ bundle: Data) -> Bool {
        bundle.range(of: Data(#""type":"x-mitre-collection""#.utf8)) != nil
    }

    /// A name for a file directly in the cache: no folders, not hidden, `.json`.
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 200 && !name.contains("/") && !name.contains("\\") && !name.hasPrefix(".")
            && name.hasSuffix(".json") && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    // MARK: Plumbing

    private func get(_ url: URL, limits: TransferLimits? = nil) async throws(TAXIIError) -> HTTPResult {
        var headers = ["Accept": Self.mediaType]
        if let credentials { headers["Authorization"] = credentials.authorizationHeader }
        let result: HTTPResult
        do {
            result = try await HTTPTransport(limits: limits ?? self.limits()).fetch(url, headers: headers)
        } catch {
            if case .write(let path, let reason) = error { throw .fileSystem(path: path, reason: reason) }
            throw .transport(url: error.url ?? url, reason: error.reason)
        }
        guard result.isSuccess else {
            throw .httpStatus(url: url, status: result.status, message: TAXIIErrorMessage(json: result.body))
        }
        return result
    }

    private func getObject(_ url: URL, expected: String) async throws(TAXIIError) -> ([String: Any], URL) {
        let result = try await get(url)
        guard let object = (try? JSONSerialization.jsonObject(with: result.body)) as? [String: Any] else {
            throw .invalidResponse(url: result.url, expected: expected + " (a JSON object)")
        }
        return (object, result.url)
    }

    private static func collection(from entry: [String: Any], url: URL) throws(TAXIIError) -> TAXIICollection {
        guard let id = entry["id"] as? String, let title = entry["title"] as? String else {
            throw .invalidResponse(url: url, expected: "a TAXII collection with \"id\" and \"title\"")
        }
        return TAXIICollection(id: id, title: title, description: entry["description"] as? String,
                               alias: entry["alias"] as? String, canRead: entry["can_read"] as? Bool ?? false,
                               canWrite: entry["can_write"] as? Bool ?? false,
                               mediaTypes: entry["media_types"] as? [String] ?? [])
    }

    /// The URL with a trailing slash, as TAXII resource URLs have.
    static func directory(_ url: URL) -> URL {
        guard !url.absoluteString.hasSuffix("/"), url.query == nil else { return url }
        return URL(string: url.absoluteString + "/") ?? url
    }

    static func resolve(_ reference: String, against base: URL) -> URL {
        URL(string: reference, relativeTo: directory(base))?.absoluteURL ?? base
    }

    static func collectionURL(apiRoot: URL, id: String, suffix: String) -> URL {
        let escaped = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? id
        return resolve("collections/\(escaped)/\(suffix)", against: directory(apiRoot))
    }
}
