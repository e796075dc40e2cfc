import ATTACK
import Foundation
import STIX

/// Load, index and query timings on one bundle (issue targets: load + index ≤ 150 ms,
/// techniques of all groups ≤ 10 ms, peak RSS ≤ 200 MB).
enum KnowledgeBaseBenchmarks {
    static func run(bundle: URL, runs: Int, report: inout Report) throws -> KnowledgeBase {
        var kept: [KnowledgeBase] = []
        var parse: [Double] = []
        var index: [Double] = []
        var total: [Double] = []
        for _ in 0..<runs {
            kept.removeAll()  // free the previous run's objects outside the timed part
            var bundleValue: STIXBundle?
            let p = try Measure.times(1) { bundleValue = try STIXBundle.load(contentsOf: bundle) }[0]
            guard let b = bundleValue else { break }
            var kb: KnowledgeBase?
            let i = try Measure.times(1) { kb = try KnowledgeBase(bundles: [b]) }[0]
            bundleValue = nil
            kb.map { kept.append($0) }
            parse.append(p)
            index.append(i)
            total.append(p + i)
        }
        guard let kb = kept.first else { throw CLIFailure("could not load \(bundle.path)") }
        report.line("load + index \(bundle.lastPathComponent) (median of \(runs))", Measure.median(total), target: 150)
        report.note(String(format: "parse %.1f ms, index %.1f ms; %d objects, %d relationships", Measure.median(parse), Measure.median(index), kb.objects.count, kb.relationships.count))
        report.line("peak RSS of this process after loading", Measure.peakRSSMegabytes(), unit: "MB")

        let groups = kb.objects(.group)
        var pairs = 0
        let queries = Measure.times(max(runs, 9)) {
            pairs = 0
            for g in groups { pairs += kb.techniquesUsed(byGroup: g).count }
        }
        report.line("techniques of all \(groups.count) groups (median)", Measure.median(queries), target: 10)
        report.note("\(pairs) group–technique pairs")
        let detection = Measure.times(max(runs, 9)) {
            for t in kb.objects(.technique) { _ = kb.detection(of: t) }
        }
        report.line("detection of every technique (median)", Measure.median(detection))
        return kb
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
