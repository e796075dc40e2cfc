/// A type that stands for one value of `Kind`, so that one generic command can be registered
/// once per kind (ArgumentParser tells subcommands apart by their type):
/// `ObjectListCommand<ListedGroups>` is `ttpkit groups`, `SubjectLayerCommand<SoftwareLayer>`
/// is `ttpkit layer software`.
protocol KindMarker {
    associatedtype Kind
    static var kind: Kind { get }
}
