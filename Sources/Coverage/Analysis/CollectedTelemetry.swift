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
/// telemetry.collects(dataComponent: "Process Creation")   // true
/// ```
public struct CollectedTelemetry: Sendable {
    /// The inventory as read.
    public let inventory: TelemetryInventory
    /// Data components named by entries (by STIX id, as releases before v18 give data
    /// components no ATT&CK ID) → those entries.
    public let namedComponents: [String: [TelemetrySource]]
    /// Data components (STIX ids) reached through collected log sources (v18 analytics).
    public let derivedComponents: Set<String>
    /// Problems: the inventory's own, unknown data components, log sources no analytic names.
    public let issues: [RuleIssue]
    /// Lower-cased names and ATT&CK IDs of data components → STIX ids.
    let componentIDsByKey: [String: String]

    /// Resolves an inventory against a release.
    public init(inventory: TelemetryInventory, knowledgeBase kb: KnowledgeBase) {
        self.inventory = inventory
        let release = "ATT&CK \(kb.attackVersion ?? "(unknown release)")"
        var issues = inventory.issues
        var named: [String: [TelemetrySource]] = [:]
        var byKey: [String: String] = [:]
        for component in kb.objects(.dataComponent, including: .all) {
            byKey[component.name.lowercased()] = component.id
            if !component.attackID.isEmpty { byKey[component.attackID.lowercased()] = component.id }
        }
        for source in inventory.sources {
            guard let wanted = source.dataComponent else { continue }
            do {
                let resolution = try kb.resolve(wanted, kind: .dataComponent)
                named[resolution.object.id, default: []].append(source)
                if let note = resolution.note {
                    issues.append(RuleIssue(path: inventory.path, line: source.line, reason: note, severity: .warning))
                }
            } catch {
                let hint = ATTACKIdentifiers.objectID(wanted, prefix: "DC") != nil
                    && !kb.objects(.dataComponent).contains(where: { !$0.attackID.isEmpty })
                    ? " (data components have IDs from ATT&CK 18; name it, e.g. 'Process Creation')" : ""
                issues.append(RuleIssue(
                    path: inventory.path, line: source.line,
                    reason: "unknown data component '\(wanted)' in \(release)\(hint): \(error)"))
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
                      kb.object(stixID: reference.dataComponentRef) != nil
                else { continue }
                derived.insert(reference.dataComponentRef)
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
        componentIDsByKey = byKey
        self.issues = issues.sorted()
    }

    /// True when the data component is named by an entry or reached through log sources.
    public func collects(_ component: AttackObject) -> Bool {
        namedComponents[component.id] != nil || derivedComponents.contains(component.id)
    }

    /// True when the data component with this ATT&CK ID (`DC0032`) or name (any case) is
    /// collected.
    public func collects(dataComponent key: String) -> Bool {
        guard let id = componentIDsByKey[key.trimmingBlanks().lowercased()] else { return false }
        return namedComponents[id] != nil || derivedComponents.contains(id)
    }

    /// The entries collecting a log source reference (name and channel).
    public func entries(matching reference: LogSourceReference) -> [TelemetrySource] {
        inventory.logSources.filter { $0.matches(logSource: reference.name, channel: reference.channel) }
    }

    /// True when one part of a rule's needs is collected.
    public func satisfies(_ part: RuleTelemetryNeeds.Part) -> Bool {
        switch part {
        case .dataComponent(let name):
            return collects(dataComponent: name)
        case let .logSource(name, channel, prefix):
            return inventory.logSources.contains { source in
                guard case .logSource(let ownName, let ownChannel) = source.kind else { return false }
                if prefix {
                    guard LogSourceName.normalised(ownName).hasPrefix(name.lowercased()) else { return false }
                } else if LogSourceName.normalised(ownName) != LogSourceName.normalised(name) {
                    return false
                }
                guard let ownChannel = LogSourceName.meaningfulChannel(ownChannel),
                      let channel = LogSourceName.meaningfulChannel(channel) else { return true }
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
