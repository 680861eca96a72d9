/// The PromQL that reads raw series: the only rules whose cost grows with the user's metrics.
struct SLIExpressions {
    let slo: SLOModel
    let own: SeriesSelector
    let window: DurationValue

    /// `by (a, b) ` for grouped SLOs, empty otherwise.
    private var by: String { slo.groupBy.isEmpty ? "" : " by (\(slo.groupBy.joined(separator: ", ")))" }
    private var on: String { "on(\(slo.groupBy.joined(separator: ", ")))" }

    private func rate(_ selector: String) -> String {
        slo.groupBy.isEmpty ? "sum(rate(\(selector)[\(window)]))" : "sum\(by) (rate(\(selector)[\(window)]))"
    }

    private func instantiate(_ template: String) -> String { Self.instantiate(template, window: window.description) }

    /// A `{{.window}}` template with its window filled in (reports use other windows than rules).
    static func instantiate(_ template: String, window: String) -> String {
        String(template.trimmingWhitespace).replacingAll(QuerySpec.windowPlaceholder, with: window)
    }

    private func events(_ query: EventQuery) -> String {
        switch query {
        case .selector(let selector): rate(selector)
        case .template(let template): instantiate(template)
        }
    }

    /// The base-window recordings. Each reads raw series only, never another recording, so a
    /// test (or a backfill) can feed recorded series directly without the rules writing over them.
    func baseRecordings() -> [(String, String)] {
        switch slo.sli {
        case .errors(let errors, let total):
            let totalRate = events(total)
            return [
                (SeriesNames.totalRate, totalRate),
                // No error series yet means no errors: a zero with the total's labels.
                (SeriesNames.errorsRate, "(\(events(errors))) or \(on) (0 * (\(totalRate)))"),
            ]
        case .good(let good, let total):
            return goodOverTotal(good: events(good), total: events(total))
        case .latency(let metric, let matchers, let threshold):
            let bucket = Self.selector(metric + "_bucket", matchers, extra: "le=~\"\(Self.leAlternatives(threshold))\"")
            return goodOverTotal(good: rate(bucket), total: rate(Self.selector(metric + "_count", matchers)))
        case .errorRatio(let template):
            // The ratio itself stands in for bad events, with one "event" per evaluation: long
            // windows then average it over time. NaN (0/0) fails `>= 0` and is dropped.
            let ratio = "(\(instantiate(template))) >= 0"
            return [(SeriesNames.errorsRate, ratio), (SeriesNames.totalRate, "0 * (\(ratio)) + 1")]
        case .timeslice(let query, let condition, let slice):
            // The share of bad slices in the window, each slice judged at its end.
            let good = Self.sliceIsGood(query, condition)
            let bad = "avg_over_time((1 - (\(good)))[\(window):\(slice)])"
            return [(SeriesNames.errorsRate, bad), (SeriesNames.totalRate, "0 * \(bad) + 1")]
        }
    }

    /// Bad events = all events - good events; no good series at all (a full outage) means all bad.
    private func goodOverTotal(good: String, total: String) -> [(String, String)] {
        [
            (SeriesNames.totalRate, total),
            (SeriesNames.errorsRate, "clamp_min((\(total)) - \(on) ((\(good)) or \(on) (0 * (\(total)))), 0)"),
        ]
    }

    /// 1 when a slice is good, 0 when it is bad, for a timeslice query and its condition.
    static func sliceIsGood(_ query: String, _ condition: SliceCondition) -> String {
        "(\(query.trimmingWhitespace)) \(condition.op.rawValue) bool \(NumberFormat.clean(condition.value))"
    }

    /// `metric{matchers,extra}`, or the bare metric when there are no matchers.
    static func selector(_ metric: String, _ matchers: String, extra: String? = nil) -> String {
        let all = [matchers, extra ?? ""].filter { !$0.isEmpty }.joined(separator: ",")
        return all.isEmpty ? metric : "\(metric){\(all)}"
    }

    /// Bucket bounds as Prometheus 2 (`1`) and 3 (`1.0`) print them, so the rule survives an upgrade.
    static func leAlternatives(_ seconds: Double) -> String {
        let plain = NumberFormat.clean(seconds)
        let escaped = plain.replacingAll(".", with: "\\\\.")
        guard seconds == seconds.rounded() else { return escaped }
        return "\(escaped)|\(escaped)\\\\.0"
    }
}
