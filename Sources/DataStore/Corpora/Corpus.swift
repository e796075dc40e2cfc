import Foundation

/// A third-party corpus some answers depend on besides ATT&CK, kept in ttpkit's data folder
/// (``CorpusStore``) the way releases are: the annotated reports `extract`'s classifier learns
/// from (TRAM, AnnoCTR) and the MISP threat-actor galaxy `--sector` and actor profiles read.
///
/// Each knows where its file sits in a folder of the usual layout (a local copy such as
/// `../shared/corpora/tram`, MISP's repository, a mirror served over HTTP), the licence and
/// notice files kept beside any copy, and — when the publisher serves the file in the format
/// ttpkit reads — where to fetch it:
///
/// ```swift
/// for corpus in Corpus.allCases { print(corpus.rawValue, corpus.layoutPath, corpus.licence) }
/// // tram reports-dev.json Apache-2.0
/// // annoctr annoctr-train.json CC-BY-SA-4.0
/// // misp-galaxy clusters/threat-actor.json CC0-1.0 OR BSD-2-Clause
/// ```
public enum Corpus: String, CaseIterable, Sendable, Hashable {
    /// TRAM's human-annotated CTI reports (MITRE Engenuity's Center for Threat-Informed Defense).
    case tram
    /// AnnoCTR's annotated CTI reports (Bosch Research, LREC-COLING 2024).
    case annoctr
    /// The MISP threat-actor galaxy cluster.
    case mispGalaxy = "misp-galaxy"

    /// The corpus' name on the command line and in the manifest.
    public var name: String { rawValue }

    /// What the corpus is, in words.
    public var title: String {
        switch self {
        case .tram: "TRAM annotated reports"
        case .annoctr: "AnnoCTR annotated reports"
        case .mispGalaxy: "MISP threat-actor galaxy"
        }
    }

    /// What answers use it as, in their provenance: `training` (extract's classifier) or `galaxy`.
    public var role: String { self == .mispGalaxy ? "galaxy" : "training" }

    /// The file inside a folder of the usual layout.
    public var layoutPath: String {
        switch self {
        case .tram: "reports-dev.json"
        case .annoctr: "annoctr-train.json"
        case .mispGalaxy: "clusters/threat-actor.json"
        }
    }

    /// Licence, notice and read-me files kept beside any copy, looked for in such a folder.
    public var licenceFiles: [String] {
        switch self {
        case .tram: ["LICENSE.txt", "NOTICE.txt", "README.md"]
        case .annoctr: ["LICENSE.txt", "README.md"]
        case .mispGalaxy: ["LICENSE.md"]
        }
    }

    /// The licence, as an SPDX expression, recorded in the manifest.
    public var licence: String {
        switch self {
        case .tram: "Apache-2.0"
        case .annoctr: "CC-BY-SA-4.0"
        case .mispGalaxy: "CC0-1.0 OR BSD-2-Clause"
        }
    }

    /// Who to credit, recorded in the manifest beside the licence.
    public var attribution: String {
        switch self {
        case .tram: "TRAM, MITRE Engenuity Center for Threat-Informed Defense (center-for-threat-informed-defense/tram)"
        case .annoctr: "AnnoCTR, Bosch Research: Lange et al., LREC-COLING 2024 (boschresearch/anno-ctr-lrec-coling-2024)"
        case .mispGalaxy: "MISP galaxy, the MISP project (MISP/misp-galaxy)"
        }
    }

    /// The publisher's folder, when it serves the file in the format ttpkit reads
    /// (``layoutPath`` and ``licenceFiles`` resolve against it).
    public var publisherFolder: URL? {
        self == .mispGalaxy ? URL(string: "https://raw.githubusercontent.com/MISP/misp-galaxy/main/") : nil
    }

    /// Why the publisher's files cannot be fetched as they are, for a corpus without a
    /// ``publisherFolder``.
    public var publisherNote: String? {
        switch self {
        case .tram:
            "TRAM publishes one MITRE Annotation Toolkit (.mjson) file per report "
                + "(github.com/center-for-threat-informed-defense/tram, data/training/); ttpkit reads them converted into one "
                + "annotated-reports file, which it cannot check against the publisher offline"
        case .annoctr:
            "AnnoCTR publishes KILT entity-linking JSON per report (github.com/boschresearch/anno-ctr-lrec-coling-2024, "
                + "AnnoCTR/linking/); ttpkit reads them converted into one annotated-reports file, which it cannot check "
                + "against the publisher offline"
        case .mispGalaxy: nil
        }
    }

    /// The largest file accepted (64 MiB; the largest today, TRAM's, is 3 MB).
    public var byteLimit: Int { 64 << 20 }

    /// The largest licence or read-me file kept (1 MiB).
    public static let licenceByteLimit = 1 << 20

    /// Parses a corpus name (`tram`, `annoctr`, `misp-galaxy`).
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }
}
