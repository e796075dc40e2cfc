import ArgumentParser

/// `ttpkit layer ...`: ATT&CK Navigator layers.
struct LayerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layer",
        abstract: "Generate, validate, combine and render ATT&CK Navigator layers (format 4.5).",
        discussion: """
            Generated layers are the full explicit 4.5 form: versions of the data used, a tactic on \
            every entry, numeric scores, a legend, UTF-8. They open in the Navigator and in \
            mitreattack-python.

            Examples:
              ttpkit layer group APT29 -o apt29.json
              ttpkit layer group APT29 APT28 "Lazarus Group" -o overlap.json
              ttpkit layer combine a.json b.json --expr "a+b" -o sum.json
              ttpkit layer render overlap.json -o overlap.html
            """,
        subcommands: [
            LayerGroupCommand.self, SubjectLayerCommand<SoftwareLayer>.self, SubjectLayerCommand<CampaignLayer>.self,
            SubjectLayerCommand<MitigationLayer>.self, SubjectLayerCommand<PlatformLayer>.self, LayerTechniquesCommand.self,
            LayerValidateCommand.self, LayerCombineCommand.self, LayerRenderCommand.self,
        ]
    )
}
