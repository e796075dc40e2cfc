import ATTACK

extension IntelBenchmarks {
    /// Diff of two releases and extraction from a 200 KB report.
    static func extraBenchmarks(kb: KnowledgeBase, old: KnowledgeBase?, repeats: Int) -> [Figure] {
        var figures: [Figure] = []
        if let old {
            figures.append(Figure(name: "intel: diff \(old.attackVersion ?? "old") → \(kb.attackVersion ?? "new") (loaded releases)", value: best(repeats) {
                _ = ReleaseDiff(old: old, new: kb)
            }, unit: "ms", target: 1000))
        }
        let report = sampleReport(kb: kb, bytes: 200_000)
        figures.append(Figure(name: "intel: build report extractor", value: best(repeats) { _ = ReportExtractor(kb: kb) }, unit: "ms", target: nil))
        let extractor = ReportExtractor(kb: kb)
        var hits = 0
        figures.append(Figure(name: "intel: extract from a 200 KB report", value: best(repeats) {
            hits = extractor.extract(ReportText(report)).hits.count
        }, unit: "ms", target: 100))
        _ = hits
        return figures
    }

    /// About `bytes` of report-like prose: the descriptions of groups and software (which name
    /// techniques, software and groups), with IDs sprinkled in.
    public static func sampleReport(kb: KnowledgeBase, bytes: Int) -> [UInt8] {
        var out: [UInt8] = []
        let sources = kb.objects(.group) + kb.objects(.software) + kb.objects(.technique)
        var i = 0
        while out.count < bytes, !sources.isEmpty {
            let o = sources[i % sources.count]
            out.append(contentsOf: Array("\(o.name) (\(o.attackID)). \(o.description)\n\n".utf8))
            i += 1
        }
        return Array(out.prefix(bytes))
    }
}
