import ATTACK
import Foundation

extension DataSourceAdministration {
    /// A data-source-administration file (version 1.1) for a telemetry inventory resolved on
    /// `kb`: one data source per ATT&CK data component the inventory collects — named directly,
    /// or reached through a collected log source — with its products (the log sources, or the
    /// entry's comment), `date_registered` and `date_connected` set to `date`,
    /// `available_for_data_analytics: true` and every data-quality dimension 1 (ttpkit does not
    /// know the quality: review it in DeTT&CT's editor). Entries limited to platforms become
    /// systems named after the platform; the others apply to `all` (which DeTT&CT always knows).
    public static func export(_ inventory: TelemetryInventory, knowledgeBase kb: KnowledgeBase, name: String = "ttpkit telemetry",
                              date: Date = Date(), path: String = "data-sources.yaml") -> DataSourceAdministration {
        let telemetry = CollectedTelemetry(inventory: inventory, knowledgeBase: kb)
        let day = YAMLText.day(date) + "T00:00:00.000Z"
        var perComponent: [String: (platforms: Set<String>, everywhere: Bool, products: Set<String>)] = [:]
        func add(_ componentID: String, _ source: TelemetrySource, product: String) {
            var value = perComponent[componentID] ?? ([], false, [])
            if source.platforms.isEmpty { value.everywhere = true } else { value.platforms.formUnion(source.platforms) }
            value.products.insert(product)
            perComponent[componentID] = value
        }
        for (componentID, sources) in telemetry.namedComponents {
            for source in sources { add(componentID, source, product: source.comment ?? "ttpkit inventory line \(source.line)") }
        }
        var seen = Set<LogSourceReference>()
        for analytic in kb.objects(.analytic) {
            for reference in analytic.logSourceReferences where seen.insert(reference).inserted {
                for source in telemetry.entries(matching: reference) {
                    let product = LogSourceName.meaningfulChannel(reference.channel).map { "\(reference.name) \($0)" } ?? reference.name
                    add(reference.dataComponentRef, source, product: product)
                }
            }
        }
        var systemNames: Set<String> = []
        var dataSources: [DataSource] = []
        for (componentID, value) in perComponent {
            guard let component = kb.object(stixID: componentID) else { continue }
            var systems = value.platforms.sorted()
            if value.everywhere { systems = ["all"] } else { systemNames.formUnion(systems) }
            dataSources.append(DataSource(name: component.name, entries: [Entry(
                applicableTo: systems, dateRegistered: day, dateConnected: day, products: value.products.sorted(),
                availableForDataAnalytics: true, comment: "")]))
        }
        let systems = systemNames.sorted().map { System(applicableTo: $0, platforms: [$0]) }
        return DataSourceAdministration(path: path, name: name, domain: kb.domain, systems: systems,
                                        dataSources: dataSources.sorted { $0.name < $1.name })
    }

    /// The file as YAML text DeTT&CT loads (version 1.1, DeTT&CT's field names and order).
    public func yaml() -> String {
        var out = YAMLText(.dataSourceAdministration, name: name, domain: domain)
        out.open(0, "systems")
        for system in systems {
            out.quoted(4, "applicable_to", system.applicableTo, dash: true)
            out.list(4, "platform", system.platforms)
        }
        out.open(0, "data_sources")
        for source in dataSources {
            out.quoted(4, "data_source_name", source.name, dash: true)
            out.open(4, "data_source")
            for entry in source.entries {
                out.list(8, "applicable_to", entry.applicableTo, dash: true)
                out.plain(8, "date_registered", entry.dateRegistered ?? "")
                out.plain(8, "date_connected", entry.dateConnected ?? "")
                out.list(8, "products", entry.products)
                out.plain(8, "available_for_data_analytics", entry.availableForDataAnalytics ? "true" : "false")
                out.quoted(8, "comment", entry.comment)
                out.open(8, "data_quality")
                let quality = Dictionary(entry.dataQuality, uniquingKeysWith: { first, _ in first })
                for dimension in Self.qualityDimensions { out.plain(10, dimension, String(quality[dimension] ?? 0)) }
            }
        }
        return out.text
    }
}
