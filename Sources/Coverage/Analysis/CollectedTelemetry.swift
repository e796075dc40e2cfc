import ATTACK

/// A telemetry inventory resolved against one ATT&CK release: which data components it
/// names, which it collects through log sources, and which entries the release does not know.
///
/// Data component entries are resolved by ID or name (an unknown one is an error at its line).
/// Log source entries are checked against the log sources the release's analytics name (one
/// that no analytic names is a warning at its line); each analytic log source reference an
/// entry matches makes that reference's data component collected too.
///
/// ```swift
/// let telemetry = CollectedTelemetry(inventory: inventory, knowledgeBase: kb)
/// telemetry.issues.first?.description   // "telemetry.yaml:12: unknown data component 'DC9999' in ATT&CK 18.1"
/// telemetry.collects(dataComponentNamed: "Process Creation")   // true
/// ```
public struct CollectedTelemetry: Sendable {
    /// The inventory as read.
    public let inventory: TelemetryInventory
    /// Data component IDs named by entries → those entries.
    public let namedComponents: [String: [TelemetrySource]]
    /// Data component IDs reached through collected log sources (v18 analytics).
    public let derivedComponents: Set<String>
    /// Problems: the inventory's own, unknown data components, log sources no analytic names.
    public let issues: [RuleIssue]
    let componentIDsByName: [String: String]

    /// Resolves an inventory against a release.
    public init(inventory: TelemetryInventory, knowledgeBase kb: KnowledgeBase) {
        self.inventory = inventory
        let release = "ATT&CK \(kb.attackVersion ?? "(unknown release)")"
        var issues = inventory.issues
        var named: [String: [TelemetrySource]] = [:]
        var byName: [String: String] = [:]
        for component in kb.objects(.dataComponent, including: .all) where !component.attackID.isEmpty {
            byName[component.name.lowercased()] = component.attackID
        }
        for source in inventory.sources {
            guard let wanted = source.dataComponent else { continue }
            do {
                let resolution = try kb.resolve(wanted, kind: .dataComponent)
                named[resolution.object.attackID, default: []].append(source)
                if let note = resolution.note {
                    issues.append(RuleIssue(path: inventory.path, line: source.line, reason: note, severity: .warning))
                }
            } catch {
                issues.append(RuleIssue(
                    path: inventory.path, line: source.line,
                    reason: "unknown data component '\(wanted)' in \(release): \(error)"))
            }
        }
        var derived = Set<String>()
        var knownNames = Set<String>()
        let logSources = inventory.logSources
        let analytics = kb.objects(.analytic)
        var seenReferences = Set<LogSourceReference>()
        for analytic in analytics {
            for reference in analytic.logSourceReferences where seenReferences.insert(reference).inserted {
                knownNames.insert(LogSourceName.normalised(reference.name))
                guard !logSources.isEmpty,
                      logSources.contains(where: { $0.matches(logSource: reference.name, channel: reference.channel) }),
                      let component = kb.object(stixID: reference.dataComponentRef), !component.attackID.isEmpty
                else { continue }
                derived.insert(component.attackID)
            }
        }
        for source in logSources {
            guard let name = source.logSourceName else { continue }
            if analytics.isEmpty {
                issues.append(RuleIssue(
                    path: inventory.path, line: source.line,
                    reason: "\(release) has no analytics, so log source '\(name)' cannot be matched; name data components instead",
                    severity: .warning))
            } else if !knownNames.contains(LogSourceName.normalised(name)) {
                issues.append(RuleIssue(
                    path: inventory.path, line: source.line,
                    reason: "no analytic in \(release) names log source '\(name)'", severity: .warning))
            }
        }
        namedComponents = named
        derivedComponents = derived
        componentIDsByName = byName
        self.issues = issues.sorted()
    }

    /// True when the data component (by ATT&CK ID) is named or reached through log sources.
    public func collects(dataComponentID id: String) -> Bool {
        namedComponents[id] != nil || derivedComponents.contains(id)
    }

    /// True when the data component (by name, any case) is collected.
    public func collects(dataComponentNamed name: String) -> Bool {
        componentIDsByName[name.lowercased()].map(collects(dataComponentID:)) ?? false
    }

    /// The entries collecting a log source reference (name and channel).
    public func entries(matching reference: LogSourceReference) -> [TelemetrySource] {
        inventory.logSources.filter { $0.matches(logSource: reference.name, channel: reference.channel.isEmpty ? nil : reference.channel) }
    }

    /// True when one part of a rule's needs is collected.
    public func satisfies(_ part: RuleTelemetryNeeds.Part) -> Bool {
        switch part {
        case .dataComponent(let name):
            return collects(dataComponentNamed: name)
        case let .logSource(name, channel, prefix):
            return inventory.logSources.contains { source in
                guard case .logSource(let ownName, let ownChannel) = source.kind else { return false }
                if prefix {
                    guard LogSourceName.normalised(ownName).hasPrefix(name.lowercased()) else { return false }
                } else if LogSourceName.normalised(ownName) != LogSourceName.normalised(name) {
                    return false
                }
                guard let ownChannel, let channel else { return true }
                return LogSourceName.channelsOverlap(ownChannel, channel)
            }
        }
    }

    /// Whether a rule can fire with this telemetry.
    public func fireCheck(_ rule: DetectionRule) -> FireCheck {
        let needs = RuleTelemetryNeeds.of(rule)
        if needs.isUnknown { return .unchecked }
        for alternative in needs.alternatives where alternative.allSatisfy({ $0.contains(where: satisfies) }) {
            return .canFire
        }
        return .cannotFire(needs)
    }

    /// Whether a rule can fire with the collected telemetry.
    public enum FireCheck: Sendable, Hashable {
        /// Some alternative of the rule's needs is collected.
        case canFire
        /// None is: the rule cannot fire.
        case cannotFire(RuleTelemetryNeeds)
        /// The rule's log source is not mapped to ATT&CK telemetry; it is given the benefit of
        /// the doubt and listed.
        case unchecked
    }
}
