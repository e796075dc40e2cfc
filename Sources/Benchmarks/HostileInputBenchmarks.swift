import ATTACK
import Foundation
import Navigator
import STIX

/// Hostile-input figures (issue 10 item 7): inputs that were quadratic now read in linear time.
/// The "before" figures are the release binary's, measured when the issue was filed
/// (89 s and 56 s); these are the same inputs read by this build.
enum HostileInputBenchmarks {
    static func run(kb: KnowledgeBase, runs: Int, report: inout Report) {
        let keys = (0..<80_000).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let object = Array(("{" + keys + "}").utf8)
        let parse = Measure.times(runs) { _ = try? JSONValue.parse(object) }
        report.line("80 000 keys in one JSON object: parse (median; 89 s before)", Measure.median(parse))

        let layer = Data(#"""
            {"name": "wide", "domain": "enterprise-attack", "versions": {"layer": "4.5"}, \#(keys),
             "techniques": [{"techniqueID": "T1059", "score": 1}]}
            """#.utf8)
        let validator = LayerValidator(kb: kb)
        let validate = Measure.times(runs) { _ = validator.validate(data: layer, source: "wide.json") }
        report.line("80 000-key layer: validate (median; 56 s before)", Measure.median(validate))
    }
}
