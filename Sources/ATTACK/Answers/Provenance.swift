import STIX

/// What an answer was computed from: the ATT&CK domain and release, the data files (by name
/// and SHA-256), the model when one answered (``Provenance/Model``) and the options that shaped
/// it. Every answer carries one; the CLI prints it with `--format json` (the `provenance`
/// member), the reports in their footer and the web app under each page, so a reader can tell
/// two answers apart by what they were made from — never by where the command ran.
///
/// ```swift
/// var p = Provenance(knowledgeBase: kb)
/// p.options = [.init("groups", "APT29,FIN7")]
/// print(p.summary)  // Enterprise ATT&CK 18.1 · enterprise-attack-18.1.json sha256:3c4f… · groups=APT29,FIN7
/// ```
public struct Provenance: Sendable, Hashable {
    /// One file an answer read: what it is (`attack`, `coverage`, `training`, `galaxy`, `rules`…),
    /// its name (the last path component: the same from any folder) and its SHA-256 in hex.
    public struct DataFile: Sendable, Hashable {
        public var role: String
        public var name: String
        public var sha256: String?

        public init(role: String, name: String, sha256: String?) {
            self.role = role
            self.name = name
            self.sha256 = sha256
        }

        /// The file at `path` (a path or URL), named by its last component.
        public init(role: String, path: String, sha256: String?) {
            self.init(role: role, name: path.split(separator: "/").last.map(String.init) ?? path, sha256: sha256)
        }
    }

    /// A learned model that answered (extract's classifier): a digest of its training data and
    /// parameters, what it learned from, and the files of that training data.
    public struct Model: Sendable, Hashable {
        /// `sha256:` and the first 16 hex digits of the digest over training text and parameters.
        public var id: String
        /// What the model is (`linear SVM over words and phrases`).
        public var kind: String
        /// What it learned from, in words (`Enterprise ATT&CK 18.1 + 76 annotated reports`).
        public var trainedOn: String
        /// The annotated-report files it learned from, besides the release.
        public var files: [DataFile]

        public init(id: String, kind: String, trainedOn: String, files: [DataFile] = []) {
            self.id = id
            self.kind = kind
            self.trainedOn = trainedOn
            self.files = files
        }
    }

    /// One option that shaped the answer, as the user gave it or as its default applied.
    public struct Option: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The ATT&CK domain, when the answer is about one.
    public var domain: AttackDomain?
    /// The ATT&CK release (`18.1`), when known.
    public var release: String?
    /// The files read, ATT&CK data first.
    public var files: [DataFile]
    /// The model that answered, if any.
    public var model: Model?
    /// The options that shaped the answer, in the order they matter.
    public var options: [Option]

    public init(domain: AttackDomain?, release: String?, files: [DataFile] = [], model: Model? = nil, options: [Option] = []) {
        self.domain = domain
        self.release = release
        self.files = files
        self.model = model
        self.options = options
    }

    /// The provenance of an answer read from `kb` alone: its domain, release and data files.
    public init(knowledgeBase kb: KnowledgeBase, options: [Option] = []) {
        self.init(domain: kb.domain, release: kb.attackVersion, files: kb.dataFiles, options: options)
    }

    /// Adds an option (ignored when `value` is nil).
    public mutating func add(_ name: String, _ value: String?) {
        if let value { options.append(Option(name, value)) }
    }

    /// "Enterprise ATT&CK 18.1", or the domain alone when the release is unknown.
    public var title: String {
        guard let domain else { return release.map { "ATT&CK \($0)" } ?? "ATT&CK" }
        return "\(domain.displayName) ATT&CK" + (release.map { " \($0)" } ?? "")
    }

    /// One line for a terminal footer, a report's footer or a web page: release, files (with the
    /// first 12 hex digits of their digest), the model (with the files it learned from) and the
    /// options.
    public var summary: String {
        func named(_ f: DataFile) -> String { f.name + (f.sha256.map { " sha256:" + $0.prefix(12) } ?? "") }
        var parts = [title]
        parts += files.map(named)
        if let model { parts.append("model \(model.id) (" + ([model.trainedOn] + model.files.map(named)).joined(separator: "; ") + ")") }
        if !options.isEmpty { parts.append(options.map { "\($0.name)=\($0.value)" }.joined(separator: " ")) }
        return parts.joined(separator: " · ")
    }

    /// The `provenance` member of a JSON answer.
    public func json() -> JSONValue {
        var o = JSONObject()
        o["domain"] = domain.map { .string($0.rawValue) } ?? .null
        o["release"] = release.map { .string($0) } ?? .null
        o["files"] = .array(files.map(Self.json))
        if let model {
            o["model"] = .object(JSONObject([
                ("id", .string(model.id)), ("kind", .string(model.kind)), ("trained_on", .string(model.trainedOn)),
                ("files", .array(model.files.map(Self.json))),
            ]))
        }
        o["options"] = .object(JSONObject(options.map { ($0.name, .string($0.value)) }))
        return .object(o)
    }

    private static func json(_ f: DataFile) -> JSONValue {
        .object(JSONObject([("role", .string(f.role)), ("name", .string(f.name)), ("sha256", f.sha256.map { .string($0) } ?? .null)]))
    }
}
