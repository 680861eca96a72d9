/// What a project config (`slo.yaml`) sets for every spec, applied while resolving the model:
/// specs stay free of copy-pasted boilerplate and the spec's own value always wins.
struct ProjectDefaults: Sendable, Hashable {
    /// The window of SLOs whose spec sets none (`window:` of the config, or `--window`).
    var window = DurationValue.days(30)
    /// Added to every SLO's series and alerts; a label the spec sets wins.
    var labels: [String: String] = [:]
    /// `runbook_url` of every alert is this plus the service name, unless an annotation sets it.
    var runbookBaseURL: String?
    /// The `severity` label of each kind of alert, unless the spec's alert labels set one.
    var severities = AlertSeverities()

    /// The `severity` label every alert carries, so an Alertmanager route can match it.
    ///
    /// The values are the conventional Alertmanager ones (kube-prometheus, Sloth): a page wakes
    /// someone up, everything else goes to a queue.
    struct AlertSeverities: Sendable, Hashable {
        var page = "critical"
        var ticket = "warning"
        var budgetExhausted = "warning"
        var noData = "warning"
    }

    /// The default `runbook_url` of a service's alerts: the base with exactly one `/` before the name.
    func runbookURL(service: String) -> String? {
        guard let base = runbookBaseURL, !base.isEmpty else { return nil }
        return base.hasSuffix("/") ? base + service : base + "/" + service
    }
}

/// The label that carries an alert's urgency in Alertmanager routes.
enum SeverityLabel {
    static let name = "severity"
}
