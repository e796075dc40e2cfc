import Foundation
import Intel
import STIX

/// Files ttpkit uses when they are there but never requires: the MISP threat-actor galaxy and
/// annotated reports, found in a shared data folder (the layout of `../shared`).
///
/// A file is looked for, in order: in the environment variable that names it; under
/// `$TTPKIT_SHARED`; under `../shared` (from the current folder); and, for a binary inside a
/// package's build folder (`.build/debug/ttpkit`), under `shared/` beside the package.
enum SharedCorpus {
    /// The MISP threat-actor galaxy (`$TTPKIT_MISP_GALAXY`).
    static let mispGalaxy = (variable: "TTPKIT_MISP_GALAXY", relative: "corpora/misp-galaxy/clusters/threat-actor.json")
    /// Annotated reports in the TRAM format (`$TTPKIT_TRAINING_REPORTS`).
    static let trainingReports = (variable: "TTPKIT_TRAINING_REPORTS", relative: "corpora/tram/reports-dev.json")

    /// The first existing candidate for `file`, or nil. A variable set to the empty string means
    /// "none" (nothing else is looked for).
    static func find(_ file: (variable: String, relative: String)) -> String? {
        let environment = CommandContext.current.environment
        if let explicit = environment[file.variable] { return explicit.isEmpty ? nil : explicit }
        var candidates: [String] = []
        if let shared = environment["TTPKIT_SHARED"], !shared.isEmpty { candidates.append(shared + "/" + file.relative) }
        candidates.append("../shared/" + file.relative)
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var folder = executable.deletingLastPathComponent()
            for _ in 0..<5 where folder.path != "/" {
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                    candidates.append(folder.deletingLastPathComponent().appendingPathComponent("shared/" + file.relative).path)
                    break
                }
                folder.deleteLastPathComponent()
            }
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The annotated reports `extract` and `serve` learn from: `path` when given, else the
    /// ones found (see ``trainingReports``); nil when there are none.
    static func annotatedReports(_ path: String?) throws -> (reports: AnnotatedReports, path: String)? {
        guard let path = path ?? find(trainingReports) else { return nil }
        let data: Data
        do { data = try FileBytes.read(path: path, limit: FileBytes.bundleLimit) } catch { throw CLIError("\(error)") }
        do { return (try AnnotatedReports(data: data), path) } catch {
            throw CLIError("\(path):1: \(error)")
        }
    }
}
