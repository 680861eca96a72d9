/// What `slo report` and `slo doctor` share: both check the specs, then ask a live Prometheus
/// about them at one instant. Each driver adds its own settings as its properties
/// (`Reporter.period`, `Doctor.format`, …); how the servers are reached is the caller's
/// `PrometheusClient`.
public struct LiveOptions: Sendable {
    /// The instant of the questions (unix seconds): the report's end, the doctor's "now".
    public var at: Int64
    public var frontEnd = SpecFrontEnd()
    /// Queries in flight at once.
    public var concurrency = 8

    public init(at: Int64) {
        self.at = at
    }

    /// The options a project config asks for: its front end (window and defaults).
    public init(at: Int64, project: ProjectConfig) {
        self.at = at
        frontEnd = project.frontEnd
    }
}

/// The documents the live commands write, one type so `--format` reads the same in both:
/// `slo report` writes `md`, `html` and `json` (`Reporter.formats`), `slo doctor` `text` or
/// `json` (`Doctor.format`). A driver leaves out a format it does not write.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
    case text, md, html, json
}
