/// Bounds that keep a hostile spec from exhausting memory or time, from the bytes of a file to
/// the SLOs of a service; each breach is a diagnostic.
///
/// libyaml 0.2.5 enforces none of these itself. The defaults are far above any real spec (a
/// service with 100 SLOs is ~50 KB) and far below what would hurt a CI runner. One value for the
/// loader's byte-level bounds and the decoder's counts, so an embedding caller sets them in one
/// place (`SpecFrontEnd.limits`).
public struct InputLimits: Sendable {
    public var maxFileBytes = 8 * 1024 * 1024
    public var maxDepth = 64
    /// Nodes reachable through aliases, counted with repetition: stops "billion laughs".
    public var maxAliasExpansion = 10_000
    public var maxDocuments = 1_000
    public var maxScalarBytes = 64 * 1024
    public var maxNodes = 1_000_000
    public var maxSLOsPerService = 1_000
    /// Entries of one label or annotation map.
    public var maxLabels = 64

    public init() {}
}
