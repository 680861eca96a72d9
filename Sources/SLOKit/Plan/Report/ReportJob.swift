/// One request a report sends: an instant query at a time, or a range query.
struct ReportJob: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case instant(Int64)
        case range(start: Int64, end: Int64, step: Int64)
        /// The values of `label` among the series `query` (a series selector) selects with
        /// samples in `(start, end]`: `/api/v1/label/<label>/values?match[]=…`, which reads the
        /// index only.
        case labelValues(label: String, start: Int64, end: Int64)
    }

    var query: String
    var kind: Kind
}

/// What Prometheus answered to one `ReportJob`.
enum ReportAnswer: Sendable {
    case instant([PrometheusSample])
    case range([PrometheusSeries])
    case labelValues([String])
}

/// `slo report --period`: forces every SLO onto a rolling or a calendar period; nil keeps each
/// SLO's own window.
public enum ReportPeriodMode: String, Sendable, Hashable, CaseIterable {
    case rolling, calendar
}
