import ATTACK

extension IntelBenchmarks {
    /// Diff and extraction timings (added as those analyses land).
    static func extraBenchmarks(kb: KnowledgeBase, old: KnowledgeBase?, repeats: Int) -> [Figure] {
        []
    }
}
