import ATTACK
import Foundation

/// Builds Navigator layers from a knowledge base: one group (procedure examples as
/// comments), several groups (the overlap heatmap), software, a campaign, a mitigation, a
/// platform, or a list of techniques.
///
/// Every layer carries the data's domain and ATT&CK version, an explicit tactic on every
/// entry, `filters.platforms` with names from the bundle, a gradient and a legend.
///
/// ```swift
/// let gen = LayerGenerator(kb: kb)
/// let apt29 = try gen.groups(["APT29"]).layer                      // usage layer
/// let overlap = try gen.groups(["APT29", "APT28", "Lazarus Group"]).layer   // heatmap 0…3
/// try LayerFile.write([overlap], to: URL(fileURLWithPath: "overlap.json"))
/// ```
public struct LayerGenerator: Sendable {
    public let matrix: MatrixIndex
    public var kb: KnowledgeBase { matrix.kb }

    public init(kb: KnowledgeBase) { matrix = MatrixIndex(kb) }

    public init(matrix: MatrixIndex) { self.matrix = matrix }

    // MARK: By name (what the CLI calls)

    /// One group → its usage layer; several → the overlap heatmap.
    public func groups(_ queries: [String], options: GeneratorOptions = GeneratorOptions()) throws(GeneratorError) -> GeneratedLayer {
        guard !queries.isEmpty else { throw GeneratorError.empty("no group given") }
        var notes: [String] = []
        var objects: [AttackObject] = []
        for q in queries { objects.append(try resolve(q, .group, notes: &notes)) }
        var result = objects.count == 1 ? try group(objects[0], options: options) : try overlap(objects, options: options)
        result.notes = notes + result.notes
        return result
    }

    /// The layer of the techniques a software uses.
    public func software(_ query: String, options: GeneratorOptions = GeneratorOptions()) throws(GeneratorError) -> GeneratedLayer {
        var notes: [String] = []
        let s = try resolve(query, .software, notes: &notes)
        return try usage(of: s, related: kb.techniquesUsed(by: s), role: "software", options: options, notes: notes)
    }

    /// The layer of the techniques a campaign used.
    public func campaign(_ query: String, options: GeneratorOptions = GeneratorOptions()) throws(GeneratorError) -> GeneratedLayer {
        var notes: [String] = []
        let c = try resolve(query, .campaign, notes: &notes)
        return try usage(of: c, related: kb.techniquesUsed(by: c), role: "campaign", options: options, notes: notes)
    }

    /// The layer of the techniques a mitigation mitigates; comments say how.
    public func mitigation(_ query: String, options: GeneratorOptions = GeneratorOptions()) throws(GeneratorError) -> GeneratedLayer {
        var notes: [String] = []
        let m = try resolve(query, .mitigation, notes: &notes)
        return try usage(of: m, related: kb.techniquesMitigated(by: m), role: "mitigation", options: options, notes: notes)
    }

    /// The layer of every technique on a platform (name as the bundle spells it, any case).
    public func platform(_ name: String, options: GeneratorOptions = GeneratorOptions()) throws(GeneratorError) -> GeneratedLayer {
        guard let platform = kb.platform(named: name) else {
            throw GeneratorError.unknownPlatform(name, available: kb.platforms)
        }
        var opts = options
        opts.platforms = [platform]
        let builder = try LayerBuilder(matrix: matrix, options: opts)
        let score = options.score ?? 1
        var scored = ScoredTechniques()
        for technique in kb.techniques(onPlatform: platform) { scored.add(technique, score: score) }
        let (entries, notes) = builder.entries(scored)
        var layer = base(
            name: options.name ?? "\(platform) techniques",
            description: options.description ?? "Techniques on the \(platform) platform in \(kb.title)", builder: builder)
        layer.techniques = entries
        layer.gradient = .usage(max: score)
        layer.legendItems = [LegendItem(label: "on \(platform)", color: options.color ?? layer.effectiveGradient.colors.last ?? "#66b1ff")]
        return GeneratedLayer(layer: layer, notes: notes)
    }

    /// The layer of a technique list (IDs or names, optional scores): each listed technique
    /// resolved (a note for a revoked ID followed, a warning for one skipped), then
    /// ``layer(of:options:)``.
    public func techniques(_ list: TechniqueList, options: GeneratorOptions = GeneratorOptions()) throws(GeneratorError) -> GeneratedLayer {
        guard !list.items.isEmpty else { throw GeneratorError.empty("\(list.source): no techniques listed") }
        var notes: [String] = []
        var scored = ScoredTechniques()
        var skipped = 0
        for item in list.items {
            let listed: Resolution
            do { listed = try kb.listedTechnique(item.query) } catch {
                notes.append("warning: \(list.source):\(item.line): \(error.description); skipped")
                skipped += 1
                continue
            }
            if let note = listed.note { notes.append("\(list.source):\(item.line): \(note)") }
            scored.add(listed.object, score: item.score ?? options.score ?? 1, comment: item.comment ?? "")
        }
        guard !scored.isEmpty else {
            throw GeneratorError.empty("\(list.source): none of the \(skipped) listed techniques is in \(kb.title)")
        }
        var listOptions = options
        listOptions.description = options.description ?? "Techniques listed in \(list.source)"
        var generated = try layer(of: scored, options: listOptions)
        generated.notes = notes + generated.notes
        return generated
    }

    /// The layer of scored techniques (an analysis's result): each technique with its score
    /// (else the options' score, else 1), comment, colour (else the options' colour), facts as
    /// metadata and its ATT&CK page before its links; a white → yellow → red gradient over
    /// scores above 1 or below 0, else the usage gradient; one legend item, "listed".
    public func layer(of scored: ScoredTechniques, options: GeneratorOptions = GeneratorOptions()) throws(GeneratorError) -> GeneratedLayer {
        guard !scored.isEmpty else { throw GeneratorError.empty("no techniques to show") }
        let builder = try LayerBuilder(matrix: matrix, options: options)
        let (entries, notes) = builder.entries(scored)
        var layer = base(
            name: options.name ?? "Technique list", description: options.description ?? "Techniques in \(kb.title)",
            builder: builder)
        layer.techniques = entries
        let scores = scored.entries.map { $0.score ?? builder.defaultScore }
        let top = scores.max() ?? 1
        let bottom = min(scores.min() ?? 0, 0)
        layer.gradient = top > 1 || bottom < 0
            ? Gradient(colors: ["#ffffff", "#ffe766", "#ff6666"], minValue: bottom, maxValue: max(top, bottom + 1)) : .usage(max: 1)
        layer.legendItems = [LegendItem(label: "listed", color: options.color ?? layer.effectiveGradient.colors.last ?? "#66b1ff")]
        return GeneratedLayer(layer: layer, notes: notes)
    }

    // MARK: From objects

    /// The usage layer of one group: each technique scored, its procedure examples as the
    /// comment, how it was reached (direct, campaign, software) in metadata, sources as links.
    public func group(_ group: AttackObject, options: GeneratorOptions = GeneratorOptions()) throws(GeneratorError) -> GeneratedLayer {
        let related = kb.techniquesUsed(byGroup: group, viaCampaigns: options.viaCampaigns, viaSoftware: options.viaSoftware)
        guard !related.isEmpty else { throw noTechniques(group) }
        var result = try usage(of: group, related: related, role: "group", options: options, notes: [])
        let reach = options.viaSoftware ? "direct, via campaigns and via software" : options.viaCampaigns ? "direct and via campaigns" : "direct only"
        if options.description == nil {
            result.layer.description = "Techniques used by \(group.name) (\(group.attackID)) in \(kb.title), \(reach)"
        }
        return result
    }

    /// The overlap heatmap of several groups: score = how many of them use the technique,
    /// the comment names them, gradient 0…count.
    public func overlap(_ groups: [AttackObject], options: GeneratorOptions = GeneratorOptions()) throws(GeneratorError) -> GeneratedLayer {
        let builder = try LayerBuilder(matrix: matrix, options: options)
        var empty: [String] = []
        var users: [Int: [AttackObject]] = [:]
        var techniques: [Int: AttackObject] = [:]
        for g in groups {
            for r in kb.techniquesUsed(byGroup: g, viaCampaigns: options.viaCampaigns, viaSoftware: options.viaSoftware)
            where !(users[r.object.index] ?? []).contains(g) {
                users[r.object.index, default: []].append(g)
                techniques[r.object.index] = r.object
            }
        }
        for g in groups where !users.values.contains(where: { $0.contains(g) }) { empty.append("\(g.name) (\(g.attackID))") }
        if empty.count == groups.count, let first = groups.first { throw noTechniques(first) }
        var scored = ScoredTechniques()
        for t in techniques.values.sorted(by: { $0.sortRank < $1.sortRank }) {
            let us = users[t.index] ?? []
            scored.add(
                t, score: Double(us.count), comment: "Used by \(us.count) of \(groups.count): " + us.map(\.name).joined(separator: ", "),
                facts: us.map { ("group", "\($0.name) (\($0.attackID))") })
        }
        var (entries, notes) = builder.entries(scored)
        if !empty.isEmpty { notes.insert("\(empty.joined(separator: ", ")) use\(empty.count == 1 ? "s" : "") no technique in \(kb.title)", at: 0) }
        let names = groups.map(\.name).joined(separator: ", ")
        var layer = base(
            name: options.name ?? "Overlap: \(names)",
            description: options.description ?? "Techniques used by \(names) in \(kb.title); score = number of these groups using the technique",
            builder: builder)
        layer.techniques = entries
        let gradient = Gradient.heat(max: Double(groups.count))
        layer.gradient = gradient
        layer.legendItems = (1...max(groups.count, 1)).map { k in
            LegendItem(label: "used by \(k) group\(k == 1 ? "" : "s")", color: gradient.color(for: Double(k))?.hex ?? "#ff6666")
        }
        layer.metadata = (layer.metadata ?? []) + groups.map { .item(name: "group", value: "\($0.name) (\($0.attackID))") }
        return GeneratedLayer(layer: layer, notes: notes)
    }

    /// The usage layer of any subject with related techniques (group, software, campaign,
    /// mitigation): procedure text as comments, reach and sources kept.
    public func usage(
        of subject: AttackObject, related: [Related], role: String, options: GeneratorOptions = GeneratorOptions(),
        notes: [String] = []
    ) throws(GeneratorError) -> GeneratedLayer {
        let builder = try LayerBuilder(matrix: matrix, options: options)
        let score = options.score ?? 1
        var scored = ScoredTechniques()
        for r in related { add(r, subject: subject, role: role, score: score, options: options, to: &scored) }
        let (entries, more) = builder.entries(scored)
        let verb = role == "mitigation" ? "mitigated by" : "used by"
        var layer = base(
            name: options.name ?? "\(subject.name) (\(subject.attackID))",
            description: options.description ?? "Techniques \(verb) \(subject.name) (\(subject.attackID)) in \(kb.title)",
            builder: builder)
        layer.techniques = entries
        layer.gradient = .usage(max: score)
        layer.legendItems = [LegendItem(label: "\(verb) \(subject.name)", color: options.color ?? "#66b1ff")]
        layer.metadata = (layer.metadata ?? []) + [.item(name: role, value: "\(subject.name) (\(subject.attackID))")]
        if let url = subject.url { layer.links = (layer.links ?? []) + [.link(label: "\(subject.attackID) \(subject.name)", url: url)] }
        return GeneratedLayer(layer: layer, notes: notes + more)
    }

    // MARK: Helpers

    /// Adds a related technique: its procedure texts as the comment, how it was reached as a
    /// fact, its citations as links (or as `reference` facts when they have no URL).
    func add(_ r: Related, subject: AttackObject, role: String, score: Double, options: GeneratorOptions, to scored: inout ScoredTechniques) {
        var parts: [String] = []
        var links: [(label: String, url: String)] = []
        var seenURLs = Set([r.object.url].compactMap { $0 })
        var unlinked: [String] = []
        var seenText = Set<String>()
        let budget = max(80, options.maxCommentLength / max(1, min(r.paths.count, 3)))
        for path in r.paths {
            let text = ProcedureText.comment(path.relationship.description, maxLength: budget)
            if !text.isEmpty, seenText.insert(text).inserted {
                switch path.via {
                case .direct: parts.append(text)
                case .campaign(let id): parts.append("[campaign \(id)] \(text)")
                case .software(let id): parts.append("[via software \(id)] \(text)")
                }
            }
            for c in path.relationship.citations {
                if let url = c.url {
                    if seenURLs.insert(url).inserted { links.append((c.sourceName, url)) }
                } else if !unlinked.contains(c.sourceName) {
                    unlinked.append(c.sourceName)
                }
            }
        }
        var facts: [(name: String, value: String)] = [(role, "\(subject.name) (\(subject.attackID))")]
        if role == "group" { facts.append(("reached", r.vias.map(\.description).joined(separator: ", "))) }
        // No divider: mitreattack-python rejects dividers in technique metadata.
        facts += unlinked.map { ("reference", $0) }
        let comment = ProcedureText.trimmed(parts.joined(separator: "\n"), maxLength: options.maxCommentLength)
        scored.add(r.object, score: score, comment: comment, facts: facts, links: links)
    }

    /// The error for a group with no technique in this release (counting its software's).
    public func noTechniques(_ group: AttackObject) -> GeneratorError {
        let viaSoftware = kb.techniquesUsedByGroupSoftware(group).count
        return .noTechniques(subject: "\(group.name) (\(group.attackID))", release: kb.title, viaSoftware: viaSoftware)
    }

    func resolve(_ query: String, _ kind: ObjectKind, notes: inout [String]) throws(GeneratorError) -> AttackObject {
        do {
            let r = try kb.resolve(query, kind: kind)
            if let note = r.note { notes.append(note) }
            return r.object
        } catch { throw GeneratorError.lookup(error) }
    }

    /// The fields every generated layer shares.
    func base(name: String, description: String, builder: LayerBuilder) -> Layer {
        var layer = Layer(name: name, domain: kb.domain, description: description)
        layer.versions = LayerVersions(attack: kb.attackVersion)
        layer.filters = LayerFilters(platforms: builder.filterPlatforms)
        layer.sorting = 0
        layer.layout = LayerLayout(expandedSubtechniques: "annotated")
        layer.hideDisabled = false
        layer.metadata = [.item(name: "generated by", value: "ttpkit"), .item(name: "data", value: kb.title)]
        layer.links = []
        return layer
    }
}
