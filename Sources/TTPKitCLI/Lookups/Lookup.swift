import ATTACK

/// Resolves a user's name or ID, turning misses into one-line errors with suggestions and
/// printing a note when a revoked ID was followed to its replacement.
enum Lookup {
    static func resolve(_ query: String, kind: ObjectKind?, in kb: KnowledgeBase, _ options: DataOptions) throws -> Resolution {
        do {
            let r = try kb.resolve(query, kind: kind, including: options.inclusion)
            if let note = r.note { Terminal.standardError.write("ttpkit: note: \(note)\n") }
            return r
        } catch {
            throw CLIError.lookup(error)
        }
    }
}
