import ATTACK
import Coverage
import Foundation

/// Applies the gate flags to a coverage result: builds the gates, evaluates them, writes the
/// SARIF / JUnit files atomically, prints warnings and the one-line summary on stderr.
///
/// Exit codes: 0 every gate passed, 1 a gate failed, 2 bad input (an unreadable targets or
/// base file, an unknown group, tactic or version, a base of another domain), 3 bad ATT&CK
/// data.
public enum GateRunner {
    /// What the gates decided.
    public struct Outcome: Sendable {
        /// The evaluated gates.
        public let result: GateResult
        /// 0 or 1.
        public var exitCode: Int32 { result.exitStatus.rawValue }
        /// The one-line summary.
        public var summary: String { result.summaryLine }

        /// Throws the gate failure (exit 1) when a gate failed; returns otherwise.
        public func finish() throws {
            if !result.passed {
                throw CLIError("\(result.failed.count) coverage gate\(result.failed.count == 1 ? "" : "s") failed", exitCode: .gateFailed)
            }
        }
    }

    /// Evaluates the gates over a live analysis; does nothing (and prints nothing) when no gate
    /// flag is given, so a coverage command can call it unconditionally. `artifact` is what SARIF results point at when
    /// no rule or targets line is involved (the rules folder).
    @discardableResult
    public static func apply(_ analysis: CoverageAnalysis, options: GateOptions, kb: KnowledgeBase, artifact: String? = nil) throws -> Outcome {
        try apply(CoverageSnapshot(analysis, domain: kb.domain), options: options, kb: kb, artifact: artifact)
    }

    /// Evaluates the gates over a coverage snapshot (a coverage file, a layer, a DeTT&CT import).
    @discardableResult
    public static func apply(_ snapshot: CoverageSnapshot, options: GateOptions, kb: KnowledgeBase, artifact: String? = nil) throws -> Outcome {
        guard options.isActive || options.groups != nil || options.sector != nil || options.targets != nil else {
            // No gate flag given: nothing to check, nothing printed.
            return Outcome(result: GateResult(detected: snapshot.count(.detected), total: snapshot.entries.count, conditions: []))
        }
        let gates = try configuration(options, kb: kb)
        for warning in gates.requiredTechniques?.warnings ?? [] {
            Terminal.standardError.write("ttpkit: \(warning)\n")
        }
        let result: GateResult
        do { result = try GateEvaluator.evaluate(snapshot, gates: gates) } catch { throw CLIError.input(error) }
        let context = GateReportContext(toolVersion: TTPKit.version, defaultArtifact: artifact ?? ".", release: kb.attackVersion)
        do {
            if let path = options.sarif { try AtomicFile.write(SARIFReport.render(result, context: context), to: path) }
            if let path = options.junit { try AtomicFile.write(JUnitReport.render(result), to: path) }
        } catch { throw CLIError.input(error) }
        Terminal.standardError.write(result.summaryLine + "\n")
        return Outcome(result: result)
    }

    /// The gates the flags ask for.
    static func configuration(_ options: GateOptions, kb: KnowledgeBase) throws -> GateConfiguration {
        var gates = GateConfiguration()
        do {
            if options.failOnGaps {
                var targets: [TechniqueTargets] = []
                if let names = options.groups {
                    var groups: [AttackObject] = []
                    for name in names.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                        do { groups.append(try kb.resolve(name, kind: .group).object) } catch { throw CLIError.lookup(error) }
                    }
                    targets.append(.groups(groups, knowledgeBase: kb))
                }
                if let sector = options.sector { targets.append(.sector(sector, galaxy: options.galaxy, knowledgeBase: kb)) }
                if let path = options.targets { targets.append(try .file(path, knowledgeBase: kb)) }
                guard !targets.isEmpty else {
                    throw CLIError("--fail-on-gaps needs the techniques to require: --groups, --sector or --targets FILE")
                }
                gates.requiredTechniques = merge(targets)
            } else if options.groups != nil || options.sector != nil || options.targets != nil {
                throw CLIError("--groups, --sector and --targets choose the techniques for --fail-on-gaps; add --fail-on-gaps")
            }
            gates.thresholds = try options.failUnder.map { try GateThreshold.parse($0, knowledgeBase: kb) }
            if let base = options.failOnRegression { gates.regressionBase = try CoverageSnapshot.read(path: base) }
        } catch let error as CoverageInputError {
            throw CLIError.input(error)
        }
        return gates
    }

    /// One set of targets from several sources.
    static func merge(_ targets: [TechniqueTargets]) -> TechniqueTargets {
        guard targets.count > 1 else { return targets[0] }
        var reasons: [String: [String]] = [:]
        var lines: [String: Int] = [:]
        for target in targets {
            for (id, why) in target.reasons { reasons[id, default: []] += why }
            lines.merge(target.lines) { first, _ in first }
        }
        return TechniqueTargets(
            label: targets.map(\.label).joined(separator: " + "), techniqueIDs: Array(reasons.keys), reasons: reasons,
            path: targets.compactMap(\.path).first, lines: lines, warnings: targets.flatMap(\.warnings))
    }
}

extension CLIError {
    /// A coverage input error, with its exit code.
    static func input(_ error: Error) -> CLIError {
        if let error = error as? CoverageInputError {
            return CLIError(error.description, exitCode: error.kind == .badInput ? .badInput : .badReferenceData)
        }
        return CLIError("\(error)")
    }
}
