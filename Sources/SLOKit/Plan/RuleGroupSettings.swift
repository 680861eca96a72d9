/// The rule-group settings of a project (`groups:`, `mimir:`, `thanos:` in `slo.yaml`), and how
/// each engine spells them: a key an engine does not know makes it reject the whole file, so
/// each is written only for the engines that read it, and only when set.
struct RuleGroupSettings: Sendable, Hashable {
    /// Replaces the groups' `interval: 1m`; must divide 5 minutes (the tiles are exact only then).
    var interval: DurationValue?
    var limit: Int?
    var queryOffset: DurationValue?
    var labels: [String: String] = [:]
    /// Mimir federated groups: the tenants every group reads.
    var sourceTenants: [String] = []
    /// Thanos Ruler's groups: `abort` (a failed store fails the round: no ticket on partial data)
    /// or `warn` (evaluate what answered).
    var partialResponseStrategy = "abort"

    /// Who evaluates a file.
    enum Engine: Sendable, Hashable {
        case prometheus, mimir, thanosRuler, vmalert
    }

    /// `group` with the settings its engine reads.
    func apply(to group: RuleGroupPlan, _ engine: Engine) -> RuleGroupPlan {
        var group = group
        if let interval { group.interval = interval }
        group.options.limit = limit
        group.options.queryOffset = queryOffset
        // vmalert names the same thing `eval_delay` (vmalert ≥ 1.95).
        group.options.queryOffsetKey = engine == .vmalert ? "eval_delay" : "query_offset"
        group.options.labels = labels
        if engine == .mimir { group.options.sourceTenants = sourceTenants }
        if engine == .thanosRuler { group.options.partialResponseStrategy = partialResponseStrategy }
        return group
    }
}
