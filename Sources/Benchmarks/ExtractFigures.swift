import ATTACK
import Foundation
import Intel

/// Issue 13's figures: training time of the technique classifier, extraction time for a
/// 200 KB report with the model trained, and the leave-reports-out cross-validated
/// precision/recall/F1 on the TRAM development reports and the AnnoCTR train reports together
/// (one model and one threshold for both, each scored as `tram_score.py` scores it).
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
        let tramPath = "\(shared)/corpora/tram/reports-dev.json", annoctrPath = "\(shared)/corpora/annoctr/annoctr-train.json"
        let tram = try? AnnotatedReports.read(path: tramPath)
        let annoctr = try? AnnotatedReports.read(path: annoctrPath)
        // A 200 KB report: the dev reports' text when present, else procedure examples.
        var text = tram.map { $0.reports.map(\.text).joined(separator: "\n\n") } ?? corpus.examples.map(\.text).joined(separator: " ")
        while text.utf8.count < 200_000 { text += "\n" + text }
        let bytes = Array(Array(text.utf8).prefix(200_000))
        let extraction = Measure.times(runs) { _ = classifier.classify(ReportText(bytes, isHTML: false)) }
        report.line("extract: classify a 200 KB report, model loaded (median)", Measure.median(extraction), target: 200)
        guard let tram, let annoctr else {
            report.note("extract: \(tramPath) or \(annoctrPath) not found; cross-validated precision/recall/F1 skipped")
            return
        }
        // Training as a user who imported both corpora trains (release + every report).
        var full = corpus
        full.add(tram)
        full.add(annoctr)
        let fullTraining = Measure.times(max(1, min(runs, 3))) { _ = trainer.train(full) }
        report.line("extract: train on the release + TRAM + AnnoCTR (\(full.examples.count) texts, median)", Measure.median(fullTraining), target: 5000)
        let names = ["TRAM (\(tram.reports.count) reports, its 77 labels)", "AnnoCTR (\(annoctr.reports.count) reports, every technique as its parent)"]
        var evaluation = ExtractionEvaluation(kb: kb, corpora: [tram, annoctr])
        evaluation.trainer = trainer
        evaluation.model = model
        if let v = env["TTPKIT_TUNE_EVIDENCE"].flatMap(Double.init) { evaluation.options.evidenceWords = v }
        if let v = env["TTPKIT_TUNE_COMBINE"].flatMap(Int.init) { evaluation.options.combine = v }
        if let v = env["TTPKIT_TUNE_NAMECONF"].flatMap(Double.init) { evaluation.options.nameConfidence = v }
        if let v = env["TTPKIT_TUNE_WEAKNAME"].flatMap(Double.init) { evaluation.options.weakNameConfidence = v }
        if let v = env["TTPKIT_TUNE_ADVICE"].flatMap(Double.init) { evaluation.options.adviceWeight = v }
        if env["TTPKIT_TUNE_NAMES_OFF"] != nil { evaluation.options.judgeNameSpecificity = false }
        report.note("extract: technique names the release uses mostly for other techniques (weak evidence): "
                    + model.names.unspecificForms.map { "\($0.0) \"\($0.1)\"" }.joined(separator: ", "))
        if env["TTPKIT_TUNE_SKIP_RELEASE"] == nil {
            for (name, r) in zip(names, evaluation.run()) {
                report.note("extract: leave-reports-out CV (\(evaluation.folds) folds), model trained on the release only, \(name): " + r.summary)
            }
        }
        // The headline figures, over three ways of dealing the reports of both corpora into
        // folds (a fold split alone moves F1 by about 0.01).
        let seeds: [UInt64] = env["TTPKIT_TUNE_FOLDSEED"].flatMap(UInt64.init).map { [$0] } ?? [7, 11, 23]
        var sums = Array(repeating: (p: 0.0, r: 0.0, f1: 0.0), count: names.count)
        for seed in seeds {
            var withReports = evaluation
            withReports.spans = true
            withReports.seed = seed
            withReports.nested = env["TTPKIT_TUNE_QUICK"] == nil
            for (k, (name, r)) in zip(names, withReports.run()).enumerated() {
                sums[k] = (sums[k].p + r.precision, sums[k].r + r.recall, sums[k].f1 + r.f1)
                report.note("extract: \(withReports.nested ? "nested CV" : "quick CV (thresholds on outer scores)"), trained on the release plus the training folds' reports of both corpora, fold seed \(seed), \(name): " + r.summary)
                if env["TTPKIT_TUNE_ERRORS"] != nil { errors(r, report: &report) }
            }
        }
        let n = Double(seeds.count)
        for (k, name) in names.enumerated() {
            report.note(String(format: "extract: %@, mean over %d fold seeds: precision %.3f, recall %.3f, F1 %.3f", name, seeds.count, sums[k].p / n, sums[k].r / n, sums[k].f1 / n))
        }
        report.note("extract: goals TRAM F1 ≥ 0.78 with precision ≥ 0.70; AnnoCTR F1 ≥ 0.68 with precision ≥ 0.65 (one model for both)")
    }

    /// The techniques with the most false positives and false negatives (`TTPKIT_TUNE_ERRORS`).
    static func errors(_ r: ExtractionEvaluation.Result, report: inout Report) {
        let counts = r.perTechnique
        let byID = counts.values.reduce(0) { $0 + $1.fpByID }, byName = counts.values.reduce(0) { $0 + $1.fpByName }
        report.note("  false positives: \(r.falsePositives) (by ID \(byID), by name or alias \(byName), learned only \(r.falsePositives - byID - byName))")
        let fp = counts.filter { $0.value.fp > 0 }.sorted { ($0.value.fp, $1.key) > ($1.value.fp, $0.key) }.prefix(25)
        report.note("  most false positives: " + fp.map { "\($0.key) \($0.value.fp)/\($0.value.tp)" + ($0.value.fpByName > 0 ? " (name \($0.value.fpByName))" : "") }.joined(separator: ", "))
        let fn = counts.filter { $0.value.fn > 0 }.sorted { ($0.value.fn, $1.key) > ($1.value.fn, $0.key) }.prefix(25)
        report.note("  most false negatives: " + fn.map { "\($0.key) \($0.value.fn)/\($0.value.tp)" }.joined(separator: ", "))
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
