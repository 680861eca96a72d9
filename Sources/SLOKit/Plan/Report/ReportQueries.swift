/// The PromQL a report sends for one SLO: events (or slices) in a span `(end - range, end]`.
///
/// Reports read raw series, never the recording rules: they work before the rules are deployed,
/// and for any past `--at`. Event SLIs are counted with `increase`, so a report's SLI is the
/// event-weighted ratio the SLO defines. Timeslice SLIs fetch the slice condition once, as a range
/// query at the slice's step, and every span is counted from those points: one evaluation per
/// slice instead of one per slice per window (subqueries would repeat them for every window).
struct ReportQueries: Sendable {
    let slo: SLOModel

    /// What one SLI form needs measured.
    enum Quantity: String, Sendable, Hashable, CaseIterable {
        case bad, good, total
        /// `errorRatio` SLIs only: the time-weighted error ratio (their events are not visible).
        case ratio
        /// Timeslice SLIs: 1 for a good slice, 0 for a bad one, per slice (a range query).
        case slice
        /// Counted from `slice` points, never queried.
        case goodSlices, totalSlices
    }

    var quantities: [Quantity] {
        switch slo.sli {
        case .errors: [.bad, .total]
        case .good, .latency: [.good, .total]
        case .errorRatio: [.ratio]
        case .timeslice: [.slice]
        }
    }

    /// Whether the SLI counts slices instead of events.
    var countsSlices: Bool { sliceSeconds != nil }

    /// The slice length of timeslice SLIs.
    var sliceSeconds: Int64? {
        if case .timeslice(_, _, let slice) = slo.sli { return max(1, slice.milliseconds / 1000) }
        return nil
    }

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
                SLIExpressions.selector(
                    metric + "_bucket", matchers, extra: "le=~\"\(SLIExpressions.leAlternatives(threshold))\""),
                range)
        case (.latency(let metric, let matchers, _), .total):
            increase(SLIExpressions.selector(metric + "_count", matchers), range)
        case (.errorRatio(let template), .ratio):
            "avg\(by) (avg_over_time(((\(SLIExpressions.instantiate(template, window: "5m"))) >= 0)[\(range)s:5m]))"
        case (.timeslice(let query, let condition, _), .slice):
            SLIExpressions.sliceIsGood(query, condition)
        default: "vector(0)"
        }
    }

    /// 1 per group when the SLI's total series has a sample in the 5 minutes up to the query's
    /// time: the coverage counts these points. Bare selectors are looked up directly; templates
    /// and ratio queries are evaluated at their 5-minute window, as the rules' base recording is,
    /// so a point exists when that recording would.
    func presence() -> String {
        let present: String
        switch slo.sli {
        case .errors(_, let total), .good(_, let total):
            switch total {
            case .selector(let selector): present = "last_over_time(\(selector)[5m])"
            case .template(let template): present = SLIExpressions.instantiate(template, window: "5m")
            }
        case .latency(let metric, let matchers, _):
            present = "last_over_time(\(SLIExpressions.selector(metric + "_count", matchers))[5m])"
        case .errorRatio(let template): present = "(\(SLIExpressions.instantiate(template, window: "5m"))) >= 0"
        case .timeslice(let query, let condition, _): present = SLIExpressions.sliceIsGood(query, condition)
        }
        return "group\(by) (\(present))"
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
        case .template(let template):
            "sum\(by) (\(SLIExpressions.instantiate(template, window: "\(range)s"))) * \(range)"
        }
    }

    private func increase(_ selector: String, _ range: Int64) -> String {
        "sum\(by) (increase(\(selector)[\(range)s]))"
    }
}
