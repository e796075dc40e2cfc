import ATTACK
import Coverage
import Foundation
import Intel
import Navigator

// Prints the figures the performance targets ask for. Run in release from the package root:
//   swift build -c release && .build/release/Benchmarks [--runs N] [--no-python] [--only-extract | --only-load | --only-process | --only-similarity] [BUNDLE]
// --only-load prints the load figures and the hostile-input ones (80k-key object and layer) alone;
// --only-process the whole-process figures (snapshot warm and cold, coverage, serve) alone;
// --only-similarity the attribution figures alone: leave-one-out and out of time (release pairs).

var arguments = Array(CommandLine.arguments.dropFirst())
var runs = 7
var withPython = true
if let i = arguments.firstIndex(of: "--runs"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) {
    runs = max(1, n)
    arguments.removeSubrange(i...(i + 1))
}
var onlyExtract = false
if let i = arguments.firstIndex(of: "--only-extract") {
    onlyExtract = true
    arguments.remove(at: i)
}
var onlyProcess = false
if let i = arguments.firstIndex(of: "--only-process") {
    onlyProcess = true
    arguments.remove(at: i)
}
var onlySimilarity = false
if let i = arguments.firstIndex(of: "--only-similarity") {
    onlySimilarity = true
    arguments.remove(at: i)
}
var onlyLoad = false
if let i = arguments.firstIndex(of: "--only-load") {
    onlyLoad = true
    arguments.remove(at: i)
}
if let i = arguments.firstIndex(of: "--no-python") {
    withPython = false
    arguments.remove(at: i)
}
let shared = ProcessInfo.processInfo.environment["TTPKIT_SHARED"] ?? "../shared"
let bundle = URL(fileURLWithPath: arguments.first ?? "\(shared)/attack-data/enterprise-attack-18.1.json")

var report = Report()
print("ttpkit benchmarks: \(bundle.lastPathComponent), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(runs) runs")
do {
    if onlyProcess {
        try InstantFigures.run(bundle: bundle, shared: shared, runs: runs, report: &report)
        exit(report.failures.isEmpty ? 0 : 1)
    }
    if onlyExtract {
        ExtractFigures.run(kb: try KnowledgeBase.load(contentsOf: bundle), shared: shared, runs: runs, report: &report)
        exit(0)
    }
    if onlySimilarity {
        let kb = try KnowledgeBase.load(contentsOf: bundle)
        for line in IntelBenchmarks.similarityQuality(kb: kb) { print(line) }
        for line in IntelBenchmarks.outOfTime(folder: bundle.deletingLastPathComponent(), releases: [kb.attackVersion ?? "": kb]) { print(line) }
        exit(0)
    }
    let kb = try KnowledgeBaseBenchmarks.run(bundle: bundle, runs: runs, report: &report)
    HostileInputBenchmarks.run(kb: kb, runs: runs, report: &report)
    if onlyLoad { exit(0) }

    try InstantFigures.run(bundle: bundle, shared: shared, runs: runs, report: &report)

    for (name, ms) in NavigatorBenchmarks.run(kb: kb, repeats: runs) {
        let target: Double? = name.contains("SVG") || name.contains("HTML") ? 100 : name.contains("combine") ? 50 : nil
        report.line(name + " (best)", ms, target: target)
    }

    let sigmaScan = try CoverageFigures.run(kb: kb, shared: shared, runs: runs, report: &report)
    if withPython, let ours = sigmaScan,
       let sigma = SigmaPeer.analyzeMilliseconds(shared: shared, bundle: bundle, rules: "\(shared)/corpora/sigma/rules") {
        report.line("sigma-cli: sigma analyze attack on sigma/rules (whole process)", sigma)
        report.note(String(format: "ratio: ttpkit scans and classifies SigmaHQ %.0f× faster (%.0f ms vs %.0f ms)", sigma / ours, ours, sigma))
    } else if withPython {
        report.note("sigma-cli not found (set TTPKIT_SIGMA_PYTHON or run tools/coverage/sigma-check.sh); ratio not measured")
    }
    let oldBundle = bundle.deletingLastPathComponent().appendingPathComponent("enterprise-attack-17.1.json")
    let old = try? KnowledgeBase.load(contentsOf: oldBundle)
    for line in IntelBenchmarks.similarityQuality(kb: kb) { report.note(line) }
    for line in IntelBenchmarks.outOfTime(folder: bundle.deletingLastPathComponent(), releases: [kb.attackVersion ?? "": kb]) { report.note(line) }
    for f in IntelBenchmarks.speed(kb: kb, old: old, repeats: runs) { report.line(f.name + " (best)", f.value, unit: f.unit, target: f.target) }
    ExtractFigures.run(kb: kb, shared: shared, runs: runs, report: &report)

    if withPython, let seconds = PythonPeer.loadSeconds(bundle) {
        let ours = Measure.median(try Measure.times(3) { _ = try KnowledgeBase.load(contentsOf: bundle) })
        report.line("mitreattack-python MitreAttackData() load", seconds * 1000)
        report.note(String(format: "ratio: ttpkit loads %.0f× faster (%.0f ms vs %.0f ms, same machine, same moment)", seconds * 1000 / ours, ours, seconds * 1000))
    } else {
        report.note("mitreattack-python not found (set TTPKIT_PEERS_PYTHON); ratio not measured")
    }
} catch {
    FileHandle.standardError.write(Data("benchmarks: error: \(error)\n".utf8))
    exit(2)
}
if !report.failures.isEmpty { print("missed targets: \(report.failures.joined(separator: "; "))") }
