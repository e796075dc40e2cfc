import ATTACK
import ArgumentParser

/// Resolves a user's name or ID, turning misses into one-line errors with suggestions and
/// printing a note when a revoked ID was followed to its replacement.
enum Lookup {
    static func resolve(_ query: String, kind: ObjectKind?, in kb: KnowledgeBase, _ options: DataOptions) throws -> Resolution {
        do {
            let r = try kb.resolve(query, kind: kind, including: options.inclusion)
            if let note = r.note { Terminal.standardError.write("ttpkit: note: \(note)\n") }
            return r
        } catch {
            if case .notFound(let q, _, _) = error, options.domain == nil, let other = otherDomain(having: query, kind: kind, besides: kb, options) {
                throw CLIError("no \(kind?.displayName ?? "object") '\(q)' in \(kb.domain.displayName) ATT&CK; it is in \(other.displayName) ATT&CK: add --domain \(other.shortName)")
            }
            throw CLIError.lookup(error)
        }
    }

    /// Another loaded domain where `query` names an object, for a miss in the default domain.
    private static func otherDomain(having query: String, kind: ObjectKind?, besides kb: KnowledgeBase, _ options: DataOptions) -> AttackDomain? {
        guard let library = try? options.library() else { return nil }
        return library.knowledgeBases.first { other in
            other.domain != kb.domain && (try? other.resolve(query, kind: kind, including: options.inclusion)) != nil
        }?.domain
    }
}

/// The options every lookup command takes — which ATT&CK data, which output format — and the
/// one way they resolve the name the user gave.
struct LookupOptions: ParsableArguments {
    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    /// The output format asked for.
    var format: OutputFormat { output.format }
    /// Which objects count: active only, or revoked and deprecated ones too.
    var inclusion: Inclusion { data.inclusion }

    /// The knowledge base, and `name` resolved in it as an object of `kind` (with the note
    /// of a revoked ID followed, already printed).
    func resolve(_ name: String, kind: ObjectKind) throws -> (kb: KnowledgeBase, object: AttackObject, note: String?) {
        let kb = try data.knowledgeBase()
        let resolution = try Lookup.resolve(name, kind: kind, in: kb, data)
        return (kb, resolution.object, resolution.note)
    }
}
