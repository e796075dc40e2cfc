import ATTACK
import Foundation
import Yams

/// A DeTT&CT data-source-administration file (version 1.0 or 1.1): the data sources
/// collected, per system type, with products, dates and data quality.
///
/// As telemetry (``inventory()``), each data source with at least one collected entry — one
/// with a `date_connected` or `available_for_data_analytics: true` — becomes a
/// ``TelemetrySource`` naming the data component (DeTT&CT names ATT&CK data components by
/// name, e.g. `Process Creation`), limited to the platforms of the systems in its
/// `applicable_to` (none for `all`). DeTT&CT's own data sources that ATT&CK does not know are
/// reported by the coverage analysis like any unknown data component.
///
/// ```swift
/// let file = try DataSourceAdministration.load("data-sources-endpoints.yaml")
/// let inventory = file.inventory()
/// let coverage = CoverageResult(rules: rules, telemetry: inventory, knowledgeBase: kb)
/// ```
public struct DataSourceAdministration: DeTTECTAdministrationFile, Hashable {
    /// A named system type and its platforms.
    public struct System: Sendable, Hashable {
        /// `applicable_to` name.
        public var applicableTo: String
        /// ATT&CK platforms (`Windows`), or `all`.
        public var platforms: [String]
    }

    /// One data source and its entries.
    public struct DataSource: Sendable, Hashable {
        /// `data_source_name`.
        public var name: String
        /// Entries per group of systems.
        public var entries: [Entry]
        /// The 1-based line.
        public var line: Int = 1
    }

    /// One entry of a data source.
    public struct Entry: Sendable, Hashable {
        /// Systems it applies to.
        public var applicableTo: [String]
        /// `date_registered` as written.
        public var dateRegistered: String?
        /// `date_connected` as written.
        public var dateConnected: String?
        /// `products`.
        public var products: [String]
        /// `available_for_data_analytics`.
        public var availableForDataAnalytics: Bool
        /// `comment`.
        public var comment: String
        /// `data_quality` dimensions (0–5), in DeTT&CT's order.
        public var dataQuality: [(String, Int)]

        /// Creates an entry.
        public init(applicableTo: [String] = ["all"], dateRegistered: String? = nil, dateConnected: String? = nil,
                    products: [String] = [], availableForDataAnalytics: Bool = true, comment: String = "",
                    dataQuality: [(String, Int)] = DataSourceAdministration.qualityDimensions.map { ($0, 1) }) {
            self.applicableTo = applicableTo
            self.dateRegistered = dateRegistered
            self.dateConnected = dateConnected
            self.products = products
            self.availableForDataAnalytics = availableForDataAnalytics
            self.comment = comment
            self.dataQuality = dataQuality
        }

        /// True when the entry counts as collected.
        public var isCollected: Bool { dateConnected != nil || availableForDataAnalytics }

        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.applicableTo == rhs.applicableTo && lhs.dateRegistered == rhs.dateRegistered && lhs.dateConnected == rhs.dateConnected
                && lhs.products == rhs.products && lhs.availableForDataAnalytics == rhs.availableForDataAnalytics
                && lhs.comment == rhs.comment && lhs.dataQuality.map(\.0) == rhs.dataQuality.map(\.0)
                && lhs.dataQuality.map(\.1) == rhs.dataQuality.map(\.1)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(applicableTo)
            hasher.combine(products)
            hasher.combine(dateConnected)
        }
    }

    /// DeTT&CT's data quality dimensions, in its order.
    public static let qualityDimensions = ["device_completeness", "data_field_completeness", "timeliness", "consistency", "retention"]

    /// The file.
    public var path: String
    /// The version read.
    public var version: String = DeTTECTFileType.dataSourceAdministration.writtenVersion
    /// `name`.
    public var name: String
    /// `domain`.
    public var domain: AttackDomain
    /// `systems` (version 1.1).
    public var systems: [System]
    /// `data_sources`.
    public var dataSources: [DataSource]

    /// Parses the text of a file.
    public static func parse(text: String, path: String) throws(CoverageInputError) -> DataSourceAdministration {
        let (root, version, domain) = try DeTTECTReader.header(text, path: path, type: .dataSourceAdministration)
        var systems: [System] = []
        if case .sequence(let items)? = root.value("systems") {
            for item in items {
                guard let name = item.text("applicable_to") else {
                    throw CoverageInputError(path: path, line: item.line, reason: "system has no applicable_to name")
                }
                systems.append(System(applicableTo: name, platforms: DeTTECTReader.strings(item, "platform")))
            }
        }
        guard case .sequence(let items)? = root.value("data_sources") else {
            throw CoverageInputError(path: path, line: root.line, reason: "data-source-administration file has no 'data_sources' list")
        }
        var sources: [DataSource] = []
        for item in items {
            guard let name = item.text("data_source_name") else {
                throw CoverageInputError(path: path, line: item.line, reason: "data source has no data_source_name")
            }
            var entries: [Entry] = []
            if case .sequence(let list)? = item.value("data_source") {
                for entry in list { entries.append(try self.entry(entry, path: path)) }
            } else {
                entries.append(try self.entry(item, path: path))   // version 1.0: the fields sit on the data source
            }
            sources.append(DataSource(name: name, entries: entries, line: item.line ?? 1))
        }
        return DataSourceAdministration(path: path, version: version, name: root.text("name") ?? "", domain: domain,
                                        systems: systems, dataSources: sources)
    }

    static func entry(_ node: Node, path: String) throws(CoverageInputError) -> Entry {
        var quality: [(String, Int)] = []
        for dimension in qualityDimensions {
            guard let text = node.value("data_quality")?.text(dimension) else { continue }
            guard let value = Int(text), (0...5).contains(value) else {
                throw CoverageInputError(path: path, line: node.value("data_quality")?.value(dimension)?.line,
                                         reason: "data_quality \(dimension) '\(text)' is not a whole number from 0 to 5")
            }
            quality.append((dimension, value))
        }
        let applicable = DeTTECTReader.strings(node, "applicable_to")
        return Entry(
            applicableTo: applicable.isEmpty ? ["all"] : applicable, dateRegistered: node.text("date_registered"),
            dateConnected: node.text("date_connected"), products: DeTTECTReader.strings(node, "products"),
            availableForDataAnalytics: node.value("available_for_data_analytics")?.flag ?? false,
            comment: node.text("comment") ?? "", dataQuality: quality)
    }

    /// The collected data sources as a telemetry inventory.
    public func inventory() -> TelemetryInventory {
        var platformsBySystem: [String: [String]] = [:]
        for system in systems { platformsBySystem[system.applicableTo.lowercased()] = system.platforms }
        var sources: [TelemetrySource] = []
        for source in dataSources {
            let collected = source.entries.filter(\.isCollected)
            guard !collected.isEmpty else { continue }
            var platforms: [String] = []
            var everywhere = false
            for entry in collected {
                for system in entry.applicableTo {
                    let own = platformsBySystem[system.lowercased()] ?? []
                    if system.lowercased() == "all" || own.isEmpty || own.contains(where: { $0.lowercased() == "all" }) {
                        everywhere = true
                    }
                    for platform in own where !platforms.contains(platform) { platforms.append(platform) }
                }
            }
            let products = Array(Set(collected.flatMap(\.products))).sorted()
            sources.append(TelemetrySource(
                kind: .dataComponent(source.name), platforms: everywhere ? [] : platforms,
                comment: products.isEmpty ? nil : products.joined(separator: ", "), line: source.line))
        }
        return TelemetryInventory(path: path, sources: sources)
    }
}
