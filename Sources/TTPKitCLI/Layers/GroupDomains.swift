import ATTACK
import Foundation
import Navigator

/// What to tell a user whose group has no technique in the loaded domain: the other domains
/// (from the same data) where it has some, and `--via-software` when its software has some here.
enum GroupDomains {
    /// The error line for `error`, with the hint added when it is a group without techniques.
    static func message(for error: GeneratorError, groups: [String], current: KnowledgeBase, _ dataOptions: DataOptions) -> String {
        guard case let .noTechniques(_, _, viaSoftware) = error else { return error.description }
        var hints: [String] = []
        let elsewhere = otherDomains(groups: groups, current: current, dataOptions)
        if !elsewhere.isEmpty {
            hints.append("it has techniques in " + elsewhere.map { "\($0.kb.title) (\($0.count); --domain \($0.kb.domain.shortName))" }.joined(separator: ", "))
        }
        if viaSoftware > 0 { hints.append("or add --via-software") }
        return error.description + (hints.isEmpty ? "" : "; " + hints.joined(separator: "; "))
    }

    /// The throwing form for commands that check a resolved group themselves.
    static func requireTechniques(_ group: AttackObject, query: String, in kb: KnowledgeBase, _ dataOptions: DataOptions) throws {
        guard kb.techniquesUsed(byGroup: group).isEmpty else { return }
        let error = LayerGenerator(kb: kb).noTechniques(group)
        throw CLIError(message(for: error, groups: [query], current: kb, dataOptions))
    }

    /// Domains other than `current`'s, in the same data, where the groups use techniques.
    static func otherDomains(groups: [String], current: KnowledgeBase, _ dataOptions: DataOptions) -> [(kb: KnowledgeBase, count: Int)] {
        var explicit = dataOptions.data
        var isFolder: ObjCBool = false
        if let path = explicit, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            explicit = (path as NSString).deletingLastPathComponent
        }
        guard let files = try? DataResolver.bundleFiles(explicit: explicit, domain: nil, version: nil, environment: CommandContext.current.environment),
              let library = try? AttackLibrary.load(files, attackVersion: nil)
        else { return [] }
        var found: [(KnowledgeBase, Int)] = []
        for kb in library.knowledgeBases where kb.domain != current.domain {
            let count = Set(groups.compactMap { try? kb.resolve($0, kind: .group).object }.flatMap { kb.techniquesUsed(byGroup: $0).map(\.object.id) }).count
            if count > 0 { found.append((kb, count)) }
        }
        return found
    }
}
