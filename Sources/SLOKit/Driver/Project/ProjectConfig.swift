/// The project config (`slo.yaml`): what `slo compile` and the other commands do when run with no
/// flags, so plain `slo compile` and `slo compile --check` reproduce the committed output.
///
/// Every value has a built-in default (a project without a config behaves as before); command-line
/// flags override the config (the CLI applies them to this value before using it). The stages
/// never see this type: each driver hands the part a stage needs down as that stage's own value
/// (`ProjectDefaults` to the model, `PrometheusRuleDefaults` to rendering), so a section added
/// for a new output touches its decoder, this struct and the one driver that reads it.
public struct ProjectConfig: Sendable {
    /// The file name looked for in the working folder and each folder above it.
    public static let fileName = "slo.yaml"
    /// The `version:` of a config; a spec walk skips documents with it.
    public static let version = SpecDecoder.projectConfigVersion

    /// Spec files and folders, relative to the config's folder (`specs:`).
    public var specs = ["slo"]
    /// Where `specs` was written, for diagnostics about a listed path.
    public var specsLocation: SourceLocation?
    /// The output folder, relative to the config's folder (`output:`).
    public var output = "generated"
    /// Rule formats (`formats:`); nil lets the compiler choose per service.
    public var formats: [Compiler.RuleFormat]?
    /// The SLO window of specs that set none: native specs, Sloth specs, OpenSLO v1alpha SLOs.
    public var window = DurationValue.days(30)
    /// Labels, runbook URL and alert severities every spec inherits.
    var defaults = ProjectDefaults()
    /// Metadata of every `PrometheusRule` object.
    var prometheusOperator = PrometheusRuleDefaults()
    /// The receivers of `alertmanager.yml`'s routes.
    var alertmanagerReceivers = AlertmanagerReceivers()
    /// What the Grafana dashboards link to (`grafana.documentsURL`).
    var dashboards = DashboardSettings()
    /// `report.minCoverage` as a share (0...1); nil leaves `Reporter`'s default. `--min-coverage`
    /// overrides it.
    public var reportMinCoverage: Double?
    /// Rule-group keys, Mimir tenants and the Thanos partial-response strategy.
    var ruleGroups = RuleGroupSettings()

    public init() {}

    /// A front end that applies the config: its window for specs without one, its defaults in
    /// every model.
    public var frontEnd: SpecFrontEnd {
        var frontEnd = SpecFrontEnd()
        frontEnd.defaults = defaults
        frontEnd.defaults.window = window
        return frontEnd
    }
}

extension Compiler.Options {
    /// The options a project config asks for; the CLI then applies its flags on top.
    public init(project: ProjectConfig) {
        self.init()
        frontEnd = project.frontEnd
        formats = project.formats.map(Set.init)
        prometheusRule = project.prometheusOperator
        alertmanagerReceivers = project.alertmanagerReceivers
        dashboards = project.dashboards
        ruleGroups = project.ruleGroups
    }
}
