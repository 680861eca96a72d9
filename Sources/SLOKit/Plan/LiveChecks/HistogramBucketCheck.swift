/// Whether a latency SLI's threshold is a bucket bound its histogram really exposes.
///
/// The rules and reports count good events as the bucket `le` equal to the threshold; when no
/// bucket has that bound, the bucket selector matches nothing and every event looks bad: the
/// rules page at once and a report shows an SLI of 0% with no hint why. Only the live data can
/// tell, so every command that talks to Prometheus (`slo report`, and a later `slo doctor`) asks
/// for the histogram's `le` values and runs this check; the plan says what to ask and judges the
/// answer, the driver does the I/O.
struct HistogramBucketCheck: Sendable {
    let slo: SLOModel
    let metric: String
    let matchers: String
    let thresholdSeconds: Double

    /// Nil for SLIs that are not latency histograms.
    init?(_ slo: SLOModel) {
        guard case .latency(let metric, let matchers, let threshold) = slo.sli else { return nil }
        self.slo = slo
        self.metric = metric
        self.matchers = matchers
        self.thresholdSeconds = threshold
    }

    /// The `le` values of the histogram's bucket series that have samples in `(start, end]`.
    func job(start: Int64, end: Int64) -> ReportJob {
        ReportJob(
            query: SLIExpressions.selector(metric + "_bucket", matchers),
            kind: .labelValues(label: "le", start: start, end: end))
    }

    /// What is wrong, in words for a report, or nil when a bucket has the threshold as its bound
    /// (written the way the rules' `le=~` matcher expects), or when there are no buckets at all
    /// (the SLO then simply has no data).
    func problem(bounds: [String]) -> String? {
        guard !bounds.isEmpty else { return nil }
        let wanted = NumberFormat.clean(thresholdSeconds)
        let matched = Set([wanted] + (thresholdSeconds == thresholdSeconds.rounded() ? ["\(wanted).0"] : []))
        if bounds.contains(where: matched.contains) { return nil }
        let finite = bounds.compactMap { text in Double(text).flatMap { $0.isFinite ? ($0, text) : nil } }
            .sorted { $0.0 < $1.0 }
        if let same = finite.first(where: { $0.0 == thresholdSeconds }) {
            return
                "the bucket le=\"\(same.1)\" is written in a form the rules' le=~\"\(SLIExpressions.leAlternatives(thresholdSeconds))\" does not match"
        }
        let listed = finite.map { NumberFormat.clean($0.0) }.joined(separator: ", ")
        return "no bucket le=\"\(wanted)\"; the histogram has \(listed.isEmpty ? "only +Inf" : listed)"
    }

    /// The warning a command prints for a problem, at the threshold in the spec.
    func diagnostic(_ problem: String) -> Diagnostic {
        .warning(
            .histogramBucketMissing,
            "latency SLO `\(slo.name)` of `\(slo.service)`: \(problem) (\(metric)_bucket in Prometheus); set `threshold` to one of the bucket bounds",
            at: slo.thresholdLocation ?? slo.location)
    }
}
