/// What an SLI measures, in plain words derived from its kind, with each query as code.
func measuredWords(_ slo: SLOModel) -> [DocumentInline] {
    func query(_ event: EventQuery) -> DocumentInline {
        switch event {
        case .selector(let selector): .code(selector)
        case .template(let template): .code(String(template.trimmingWhitespace))
        }
    }
    var grouped: [DocumentInline] = []
    if !slo.groupBy.isEmpty {
        grouped.append(", separately for each value of ")
        for (index, label) in slo.groupBy.enumerated() {
            if index > 0 { grouped.append(", ") }
            grouped.append(.code(label))
        }
    }
    let words: [DocumentInline]
    switch slo.sli {
    case .errors(let errors, let total):
        words = [
            "the share of events that were not errors: errors counted by ", query(errors), ", all events by ",
            query(total),
        ]
    case .good(let good, let total):
        words = ["the share of good events: good events counted by ", query(good), ", all events by ", query(total)]
    case .latency(let metric, let matchers, let threshold):
        let selector = matchers.isEmpty ? metric : "\(metric){\(matchers)}"
        words = [
            "the share of requests answered within \(DurationText.seconds(threshold)) (histogram ", .code(selector),
            ")",
        ]
    case .errorRatio(let template):
        words = [
            "100% minus the error ratio reported by ", .code(String(template.trimmingWhitespace)),
            ", averaged over time",
        ]
    case .timeslice(let text, let condition, let slice):
        words = [
            "the share of \(DurationText.words(slice)) time slices in which ",
            .code("\(text.trimmingWhitespace) \(condition.op.rawValue) \(NumberFormat.clean(condition.value))"),
        ]
    }
    return words + grouped
}
