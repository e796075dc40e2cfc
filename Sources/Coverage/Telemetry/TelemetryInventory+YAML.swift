extension TelemetryInventory {
    /// The inventory as a ttpkit telemetry file (the format ``TelemetryInventory/parse(text:path:)``
    /// reads): `version: 1` and a `sources` list, strings single-quoted, entries in order.
    ///
    /// ```swift
    /// try OutputFile.write(DataSourceAdministration.load("ds.yaml").inventory().yaml(), to: "telemetry.yaml")
    /// ```
    public func yaml() -> String {
        var out = "# ttpkit telemetry inventory\nversion: 1\nsources:\n"
        if sources.isEmpty { return "# ttpkit telemetry inventory\nversion: 1\nsources: []\n" }
        for source in sources {
            switch source.kind {
            case .dataComponent(let name):
                out += "  - data_component: \(YAMLText.quote(name))\n"
            case let .logSource(name, channel):
                out += "  - name: \(YAMLText.quote(name))\n"
                if let channel { out += "    channel: \(YAMLText.quote(channel))\n" }
            }
            if !source.platforms.isEmpty { out += "    platforms: [\(source.platforms.map(YAMLText.quote).joined(separator: ", "))]\n" }
            if let comment = source.comment { out += "    comment: \(YAMLText.quote(comment))\n" }
        }
        return out
    }
}
