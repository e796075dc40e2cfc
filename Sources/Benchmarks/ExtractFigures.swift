import ATTACK
import Foundation
import Intel

/// Issue 13's figures: training time of the technique classifier, extraction time for a
/// 200 KB report with the model trained, and the leave-reports-out cross-validated
/// precision/recall/F1 on the TRAM development reports.
enum ExtractFigures {
    static func run(kb: KnowledgeBase, shared: String, runs: Int, report: inout Report) {
        let corpus = TrainingCorpus(kb: kb)
        let trainer = tuned()
        var model: TechniqueModel?
        let training = Measure.times(max(1, min(runs, 3))) { model = trainer.train(corpus) }
        report.line("extract: train technique classifier (\(corpus.classes.count) classes, \(corpus.examples.count) texts, median)",
                    Measure.median(training), target: 5000)
        guard let model else { return }
        report.note("extract: model has \(model.weightCount) weights, \(model.encoded().count / 1024) KB on disk")
        let classifier = TechniqueClassifier(model: model, extractor: ReportExtractor(kb: kb))
        let env = ProcessInfo.processInfo.environment
        let tramURL = URL(fileURLWithPath: "\(shared)/corpora/tram/reports-dev.json")
        let tram = try? AnnotatedReports.read(path: tramURL.path)
        // A 200 KB report: the dev reports' text when present, else procedure examples.
        var text = tram.map { $0.reports.map(\.text).joined(separator: "\n\n") } ?? corpus.examples.map(\.text).joined(separator: " ")
        while text.utf8.count < 200_000 { text += "\n" + text }
        let bytes = Array(Array(text.utf8).prefix(200_000))
        let extraction = Measure.times(runs) { _ = classifier.classify(ReportText(bytes, isHTML: false)) }
        report.line("extract: classify a 200 KB report, model loaded (median)", Measure.median(extraction), target: 200)
        guard let tram else {
            report.note("extract: \(tramURL.path) not found; cross-validated precision/recall/F1 skipped")
            return
        }
        var evaluation = ExtractionEvaluation(kb: kb, corpus: tram)
        evaluation.trainer = trainer
        evaluation.model = model
        if let v = env["TTPKIT_TUNE_EVIDENCE"].flatMap(Double.init) { evaluation.options.evidenceWords = v }
        if let v = env["TTPKIT_TUNE_COMBINE"].flatMap(Int.init) { evaluation.options.combine = v }
        if let v = env["TTPKIT_TUNE_NAMECONF"].flatMap(Double.init) { evaluation.options.nameConfidence = v }
        let result = evaluation.run()
        report.note("extract: leave-reports-out CV (\(evaluation.folds) folds) on \(tram.reports.count) TRAM dev reports, model trained on the release only: " + result.summary)
        // The headline figure, over three ways of dealing the reports into folds (a fold
        // split alone moves F1 by about 0.01).
        let seeds: [UInt64] = env["TTPKIT_TUNE_FOLDSEED"].flatMap(UInt64.init).map { [$0] } ?? [7, 11, 23]
        var f1s: [Double] = [], precisions: [Double] = []
        for seed in seeds {
            var withReports = evaluation
            withReports.spans = true
            withReports.seed = seed
            let r = withReports.run()
            f1s.append(r.f1)
            precisions.append(r.precision)
            report.note("extract: same, trained on the release plus the training folds' reports (passages and their sentences; other sentences as background), fold seed \(seed): " + r.summary)
        }
        report.note(String(format: "extract: with reports, mean over %d fold seeds: precision %.3f, F1 %.3f (target F1 ≥ 0.70 with precision ≥ 0.65)",
                           seeds.count, precisions.reduce(0, +) / Double(seeds.count), f1s.reduce(0, +) / Double(seeds.count)))
    }

    /// The default trainer; `TTPKIT_TUNE_*` variables change it for experiments.
    static func tuned() -> TechniqueModelTrainer {
        var t = TechniqueModelTrainer()
        let env = ProcessInfo.processInfo.environment
        if let v = env["TTPKIT_TUNE_NEG"].flatMap(Int.init) { t.negatives = v }
        if let v = env["TTPKIT_TUNE_PASSAGE"].flatMap(Float.init) { t.passageWeight = v }
        if let v = env["TTPKIT_TUNE_ANNOTATED_NEG"].flatMap(Int.init) { t.annotatedNegatives = v }
        if let v = env["TTPKIT_TUNE_KEEP"].flatMap(Int.init) { t.weightsPerClass = v }
        if let v = env["TTPKIT_TUNE_CHARMIN"].flatMap(Int.init) { t.charMin = v }
        if let v = env["TTPKIT_TUNE_CHARMAX"].flatMap(Int.init) { t.charMax = v }
        if let v = env["TTPKIT_TUNE_DIMS"].flatMap(Int.init) { t.dimensions = v }
        if let v = env["TTPKIT_TUNE_SCALE"].flatMap(Float.init) { t.scoreScale = v }
        if let v = env["TTPKIT_TUNE_COST"].flatMap(Float.init) { t.cost = v }
        if let v = env["TTPKIT_TUNE_PASSES"].flatMap(Int.init) { t.passes = v }
        return t
    }
}
