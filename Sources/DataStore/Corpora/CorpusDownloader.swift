import Foundation

/// Fetches corpora into the data folder (``CorpusStore``) from where they are published.
///
/// From a mirror (`$TTPKIT_CORPORA_URL` or `base`), every corpus is fetched from
/// `<base>/<name>/<layout path>` with its licence files beside it — the layout of
/// `../shared/corpora`, so any web server over such a folder works. Without one, only corpora
/// whose publisher serves the file ttpkit reads are fetched (the MISP galaxy, from MISP's
/// repository); the others say why (``Corpus/publisherNote``) and stay as they are.
///
/// Each file is fetched into memory within its size cap and the run's time bounds, verified
/// (``CorpusVerifier``), and only then stored: a failed, oversized or wrong download never
/// replaces the copy already there. Only http(s) URLs are fetched.
///
/// ```swift
/// let downloader = CorpusDownloader(store: CorpusStore(cache: .resolve()))
/// for outcome in await downloader.update(Corpus.allCases, verify: verifier) { print(outcome) }
/// ```
public struct CorpusDownloader: Sendable {
    /// What happened to one corpus.
    public enum Outcome: Sendable {
        /// Fetched, verified and stored (or the same bytes were already there).
        case stored(CorpusStore.Stored, url: URL)
        /// Not fetched: the publisher does not serve the format ttpkit reads (the reason).
        case unavailable(Corpus, reason: String)
        /// The fetch or the verification failed; the stored copy, if any, is unchanged.
        case failed(Corpus, CorpusError)
    }

    /// Where corpora are kept.
    public let store: CorpusStore
    /// The mirror's base URL, if any.
    public let base: URL?
    /// Seconds the whole update may take.
    public let timeout: TimeInterval
    /// Seconds without a byte before a request fails.
    public let stallTimeout: TimeInterval
    /// The largest corpus file accepted, when lower than the corpus' own cap (``Corpus/byteLimit``).
    public let maxBytes: Int?

    /// The environment variable naming a mirror.
    public static let baseEnvironmentVariable = "TTPKIT_CORPORA_URL"

    /// - Parameters:
    ///   - base: a mirror's base URL; by default `$TTPKIT_CORPORA_URL`, else none.
    ///   - environment: read for `TTPKIT_CORPORA_URL`.
    ///   - maxBytes: a lower cap than each corpus' own.
    public init(store: CorpusStore, base: URL? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                timeout: TimeInterval = ReleaseDownloader.defaultTimeout, stallTimeout: TimeInterval = 60, maxBytes: Int? = nil) {
        self.store = store
        self.base = base ?? environment[Self.baseEnvironmentVariable].flatMap { $0.isEmpty ? nil : URL(string: $0) }
        self.timeout = timeout
        self.stallTimeout = stallTimeout
        self.maxBytes = maxBytes
    }

    /// The folder `corpus` is fetched from, or nil when there is none.
    public func folder(of corpus: Corpus) -> URL? {
        guard let base else { return corpus.publisherFolder }
        let slash = base.absoluteString.hasSuffix("/") ? base : URL(string: base.absoluteString + "/") ?? base
        return URL(string: corpus.name + "/", relativeTo: slash)?.absoluteURL
    }

    /// Fetches each corpus in turn (see the type's documentation); one failing does not stop
    /// the others.
    public func update(_ corpora: [Corpus], verify: CorpusVerifier) async -> [Outcome] {
        let limits = TransferLimits(total: timeout, stallTimeout: stallTimeout, maxBytes: TransferLimits.documentBytes)
        var outcomes: [Outcome] = []
        for corpus in corpora {
            guard let folder = folder(of: corpus) else {
                outcomes.append(.unavailable(corpus, reason: corpus.publisherNote ?? "no publisher URL"))
                continue
            }
            do throws(CorpusError) {
                outcomes.append(try await fetch(corpus, from: folder, limits: limits, verify: verify))
            } catch {
                outcomes.append(.failed(corpus, error))
            }
        }
        return outcomes
    }

    private func fetch(_ corpus: Corpus, from folder: URL, limits: TransferLimits, verify: CorpusVerifier) async throws(CorpusError) -> Outcome {
        guard let url = URL(string: corpus.layoutPath, relativeTo: folder)?.absoluteURL else {
            throw .download("\(folder.absoluteString): cannot form the URL of \(corpus.layoutPath)")
        }
        let data = try await get(url, limits: limits.capped(at: Int64(min(corpus.byteLimit, maxBytes ?? corpus.byteLimit))))
        guard let data else { throw .download("\(url.absoluteString): expected HTTP 200, the server answered 404 not found; nothing was saved") }
        let summary: String
        do { summary = try verify(corpus, data, url.absoluteString) } catch {
            throw .invalid("\(error); nothing was saved")
        }
        var licences: [(name: String, data: Data)] = []
        for name in corpus.licenceFiles {
            guard let licenceURL = URL(string: name, relativeTo: folder)?.absoluteURL,
                  let text = try? await get(licenceURL, limits: limits.capped(at: Int64(Corpus.licenceByteLimit))) else { continue }
            licences.append((name, text))
        }
        let stored = try store.install(corpus, data: data, fileName: url.lastPathComponent, licences: licences,
                                       origin: url.absoluteString, summary: summary)
        return .stored(stored, url: url)
    }

    /// The body of a 200 answer; nil for 404; any other status or a transport failure throws.
    private func get(_ url: URL, limits: TransferLimits) async throws(CorpusError) -> Data? {
        let result: HTTPResult
        do { result = try await HTTPTransport(limits: limits).fetch(url) } catch {
            throw .download(DownloadError(error).description + "; nothing was saved")
        }
        if result.status == 404 { return nil }
        guard result.isSuccess else { throw .download(DownloadError.httpStatus(url: url, status: result.status).description + "; nothing was saved") }
        return result.body
    }
}
