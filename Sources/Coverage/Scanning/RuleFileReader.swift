import Foundation
import STIX

/// Reads one file found by the scanner and hands its text to the format detector.
enum RuleFileReader {
    /// What became of one file.
    enum Result: Sendable {
        case parsed(RuleFormat, RuleParseResult)
        case skipped(SkippedFile)
        case failed(RuleIssue)
    }

    /// Bytes looked at to decide whether a file is binary.
    static let sniffLength = 8192

    /// Rule files larger than this are refused rather than parsed (a log or dump dropped into
    /// a rules folder by mistake).
    static let maximumSize = 16 * 1_048_576

    static func read(path: String, explicit: Bool) -> Result {
        let isRuleExtension = RuleFormatDetector.ruleExtensions.contains(RuleFormatDetector.fileExtension(path))
        let data: Data
        do {
            // Copied, not mapped: a file truncated while it is read must not kill the scan.
            // Files of other extensions met in a walk are only sniffed for binary content.
            data = try FileBytes.read(path: path, limit: isRuleExtension || explicit ? maximumSize : sniffLength,
                                      prefixOnly: !(isRuleExtension || explicit))
        } catch {
            if case .tooLarge = error {
                return .failed(RuleIssue(path: path, reason: "\(error.reason); a detection rule file is never this large"))
            }
            return .failed(RuleIssue(path: path, reason: "cannot read file: \(error.reason)"))
        }
        let hasNUL = data.prefix(sniffLength).withUnsafeBytes { buffer in
            buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
        }
        if hasNUL {
            return .failed(RuleIssue(path: path, reason: "binary file, not detection content"))
        }
        guard isRuleExtension || explicit else {
            return .skipped(SkippedFile(path: path, reason: "not a rule file extension (.yml, .yaml, .toml, .csv)"))
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            return .failed(RuleIssue(path: path, reason: "binary file or not UTF-8 text"))
        }
        switch RuleFormatDetector.parse(text: text, path: path) {
        case .parsed(let format, let result):
            return .parsed(format, result)
        case .notRules(let reason):
            if explicit { return .failed(RuleIssue(path: path, reason: "not detection content: \(reason)")) }
            return .skipped(SkippedFile(path: path, reason: reason))
        }
    }
}

/// A file the scanner passed over because it is not detection content (a README, a JSON
/// index, a YAML config), with the reason.
public struct SkippedFile: Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// Why it was not read as rules.
    public var reason: String

    /// `path: skipped: reason`.
    public var description: String { "\(path): skipped: \(reason)" }
}
