/// The PromQL a report sends for one SLO: events (or slices) in a span `(end - range, end]`.
///
/// Reports read raw series, never the recording rules: they work before the rules are deployed,
/// and for any past `--at`. Event SLIs are counted with `increase`, so a report's SLI is the
/// event-weighted ratio the SLO defines; timeslice SLIs count slices with a subquery whose range
/// stops 1 s short of the span, so each slice is counted once under Prometheus 2 and 3 alike.
struct ReportQueries: Sendable {
    let slo: SLOModel

    /// What one SLI form needs measured.
    enum Quantity: String, Sendable, Hashable, CaseIterable {
        case bad, good, total
        /// `errorRatio` SLIs only: the time-weighted error ratio (their events are not visible).
        case ratio
        case goodSlices, totalSlices
    }

    var quantities: [Quantity] {
        switch slo.sli {
        case .errors: [.bad, .total]
        case .good, .latency: [.good, .total]
        case .errorRatio: [.ratio]
        case .timeslice: [.goodSlices, .totalSlices]
        }
    }

    /// Whether the SLI counts slices instead of events.
    var countsSlices: Bool { if case .timeslice = slo.sli { true } else { false } }

    var hasEvents: Bool { if case .errorRatio = slo.sli { false } else { true } }

    private var by: String { slo.groupBy.isEmpty ? "" : " by (\(slo.groupBy.joined(separator: ", ")))" }

    /// The expression for `quantity` over the `range` seconds ending at the query's time.
    func expression(_ quantity: Quantity, range: Int64) -> String {
        switch (slo.sli, quantity) {
        case (.errors(let bad, _), .bad): events(bad, range)
        case (.errors(_, let total), .total), (.good(_, let total), .total): events(total, range)
        case (.good(let good, _), .good): events(good, range)
        case (.latency(let metric, let matchers, let threshold), .good):
            increase(
                selector(metric + "_bucket", matchers, extra: "le=~\"\(SLIExpressions.leAlternatives(threshold))\""),
                range)
        case (.latency(let metric, let matchers, _), .total): increase(selector(metric + "_count", matchers), range)
        case (.errorRatio(let template), .ratio):
            "avg\(by) (avg_over_time(((\(instantiate(template, "5m")))) >= 0)[\(range)s:5m]))"
        case (.timeslice(let query, let condition, let slice), .goodSlices):
            "sum\(by) (sum_over_time(((\(query.trimmingWhitespace)) \(condition.op.rawValue) bool \(NumberFormat.clean(condition.value)))[\(range - 1)s:\(slice)]))"
        case (.timeslice(let query, _, let slice), .totalSlices):
            "sum\(by) (count_over_time((\(query.trimmingWhitespace))[\(range - 1)s:\(slice)]))"
        default: "vector(0)"
        }
    }

    /// Several ranges ending at the same time in one query, told apart by a `slo_report_range` label.
    func combined(_ quantity: Quantity, ranges: [Int64]) -> String {
        ranges.map {
            "label_replace(\(expression(quantity, range: $0)), \"\(Self.rangeLabel)\", \"\($0)\", \"\", \"\")"
        }
        .joined(separator: " or ")
    }

    static let rangeLabel = "slo_report_range"

    private func events(_ query: EventQuery, _ range: Int64) -> String {
        switch query {
        case .selector(let selector): increase(selector, range)
        // A template yields a per-second rate (it is recorded as one): rate × seconds = events.
        case .template(let template): "sum\(by) (\(instantiate(template, "\(range)s"))) * \(range)"
        }
    }

    private func increase(_ selector: String, _ range: Int64) -> String {
        "sum\(by) (increase(\(selector)[\(range)s]))"
    }

    private func instantiate(_ template: String, _ window: String) -> String {
        String(template.trimmingWhitespace).replacingAll(QuerySpec.windowPlaceholder, with: window)
    }

    private func selector(_ metric: String, _ matchers: String, extra: String? = nil) -> String {
        let all = [matchers, extra ?? ""].filter { !$0.isEmpty }.joined(separator: ",")
        return all.isEmpty ? metric : "\(metric){\(all)}"
    }
}
