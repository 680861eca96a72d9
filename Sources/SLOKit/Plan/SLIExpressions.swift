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

    private func instantiate(_ template: String) -> String {
        String(template.trimmingWhitespace).replacingAll(QuerySpec.windowPlaceholder, with: window.description)
    }

    private func events(_ query: EventQuery) -> String {
        switch query {
        case .selector(let selector): rate(selector)
        case .template(let template): instantiate(template)
        }
    }

    /// A zero with the labels of the recorded total, for `or`: no error series yet means no errors.
    private var zeroErrors: String { "(0 * \(own.select(SeriesNames.totalRate)))" }

    /// The base-window recordings in evaluation order (a rule may read the one before it).
    func baseRecordings() -> [(String, String)] {
        let total = own.select(SeriesNames.totalRate)
        switch slo.sli {
        case .errors(let errors, let total):
            return [
                (SeriesNames.totalRate, events(total)),
                (SeriesNames.errorsRate, "(\(events(errors))) or \(on) \(zeroErrors)"),
            ]
        case .good(let good, let totalQuery):
            return [
                (SeriesNames.totalRate, events(totalQuery)),
                (SeriesNames.errorsRate, "clamp_min(\(total) - \(on) ((\(events(good))) or \(on) \(zeroErrors)), 0)"),
            ]
        case .latency(let metric, let matchers, let threshold):
            let bucket = selector(metric + "_bucket", matchers, extra: "le=~\"\(Self.leAlternatives(threshold))\"")
            return [
                (SeriesNames.totalRate, rate(selector(metric + "_count", matchers))),
                (SeriesNames.errorsRate, "clamp_min(\(total) - \(on) ((\(rate(bucket))) or \(on) \(zeroErrors)), 0)"),
            ]
        case .errorRatio(let template):
            // The ratio itself stands in for bad events, with one "event" per evaluation: long
            // windows then average it over time. NaN (0/0) fails `>= 0` and is dropped.
            return [
                (SeriesNames.errorsRate, "(\(instantiate(template))) >= 0"),
                (SeriesNames.totalRate, "0 * \(own.select(SeriesNames.errorsRate)) + 1"),
            ]
        case .timeslice(let query, let condition, let slice):
            // The share of bad slices in the window, each slice judged at its end.
            let good =
                "(\(query.trimmingWhitespace)) \(condition.op.rawValue) bool \(NumberFormat.clean(condition.value))"
            return [
                (SeriesNames.errorsRate, "avg_over_time((1 - (\(good)))[\(window):\(slice)])"),
                (SeriesNames.totalRate, "0 * \(own.select(SeriesNames.errorsRate)) + 1"),
            ]
        }
    }

    private func selector(_ metric: String, _ matchers: String, extra: String? = nil) -> String {
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

extension String {
    /// Replaces every occurrence (Foundation-free, for the library's hot paths).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
