/// Concrete label sets for a selector SLI's input series: "bad" series match the errors (or fail
/// the good) selector, "good" series match only the total, so the rules' own matchers decide.
struct SeriesSynthesis {
    /// One input series with the share of all events it carries.
    struct Series {
        var metric: String
        var labels: [String: String]
        /// `.bad`: carries errors; `.good`: carries the rest; `.all`: carries every event.
        var role: Role
    }

    enum Role { case bad, good, all }

    /// Input series for raw-metric fire-tests, or nil when the selectors cannot be satisfied
    /// (the tests then feed recorded series).
    static func series(for slo: SLOModel) -> [Series]? {
        let group = Dictionary(uniqueKeysWithValues: slo.groupBy.map { ($0, "fire-test") })
        switch slo.sli {
        case .errors(.selector(let errors), total: .selector(let total)):
            return split(events: errors, total: total, eventsAreBad: true, group: group)
        case .good(.selector(let good), total: .selector(let total)):
            return split(events: good, total: total, eventsAreBad: false, group: group)
        case .latency(let metric, let matchers, let threshold):
            guard let selector = parse("\(metric)_count{\(matchers)}"),
                let labels = LabelSolver.solve(selector.matchers, extra: group)
            else { return nil }
            var bucket = labels
            bucket["le"] = NumberFormat.clean(threshold)
            return [
                Series(metric: metric + "_bucket", labels: bucket, role: .good),
                Series(metric: metric + "_count", labels: labels, role: .all),
            ]
        default:
            return nil
        }
    }

    private static func split(events: String, total: String, eventsAreBad: Bool, group: [String: String]) -> [Series]? {
        guard let eventSelector = parse(events), let totalSelector = parse(total),
            let eventName = eventSelector.metricName, let totalName = totalSelector.metricName
        else { return nil }
        let eventRole: Role = eventsAreBad ? .bad : .good
        let restRole: Role = eventsAreBad ? .good : .bad
        if eventName != totalName {
            guard let eventLabels = LabelSolver.solve(eventSelector.matchers, extra: group),
                let totalLabels = LabelSolver.solve(totalSelector.matchers, extra: group)
            else { return nil }
            return [
                Series(metric: eventName, labels: eventLabels, role: eventRole),
                Series(metric: totalName, labels: totalLabels, role: .all),
            ]
        }
        // Same metric: the event series matches both selectors; the rest matches the total and
        // breaks one matcher of the event selector.
        guard let matching = LabelSolver.solve(eventSelector.matchers + totalSelector.matchers, extra: group) else {
            return nil
        }
        for (index, broken) in eventSelector.matchers.enumerated() where broken.name != "__name__" {
            var others = eventSelector.matchers
            others.remove(at: index)
            let constraints = totalSelector.matchers + others.filter { $0.name != broken.name }
            guard let rest = LabelSolver.solve(constraints, extra: group, violating: broken) else { continue }
            return [
                Series(metric: eventName, labels: matching, role: eventRole),
                Series(metric: totalName, labels: rest, role: restRole),
            ]
        }
        return nil
    }

    static func parse(_ text: String) -> PromQLVectorSelector? {
        guard let expr = try? PromQLParser.parse(text) else { return nil }
        var node = expr
        while case .paren(let inner) = node.kind { node = inner }
        if case .vectorSelector(let selector) = node.kind { return selector }
        return nil
    }
}

/// Finds label values that satisfy a set of matchers (and optionally break one).
enum LabelSolver {
    static let fallbackValues = ["fire-test", "500", "200", "ok", "error", "GET", "1", "0", "true", "x", "a"]

    static func solve(
        _ matchers: [PromQLLabelMatcher], extra: [String: String], violating broken: PromQLLabelMatcher? = nil
    ) -> [String: String]? {
        var labels = extra
        var names = Set(matchers.map(\.name)).subtracting(["__name__"])
        if let broken { names.insert(broken.name) }
        for name in names.sorted() {
            let constraints = matchers.filter { $0.name == name }
            var candidates = constraints.filter { $0.op == .equal }.map(\.value)
            for constraint in constraints where constraint.op == .regexMatch {
                candidates += RegexExamples.candidates(for: constraint.value)
            }
            if let broken, broken.name == name, broken.op == .notEqual { candidates.append(broken.value) }
            if let value = extra[name] { candidates.insert(value, at: 0) }
            candidates += fallbackValues
            let chosen = candidates.first { value in
                constraints.allSatisfy { matches($0, value) == true }
                    && (broken.map { $0.name != name || matches($0, value) == false } ?? true)
            }
            guard let chosen else { return nil }
            if !chosen.isEmpty { labels[name] = chosen } else { labels.removeValue(forKey: name) }
        }
        return labels
    }

    /// Whether a matcher accepts a value; nil when its regex is beyond Swift's engine.
    static func matches(_ matcher: PromQLLabelMatcher, _ value: String) -> Bool? {
        switch matcher.op {
        case .equal: return value == matcher.value
        case .notEqual: return value != matcher.value
        case .regexMatch, .regexNoMatch:
            guard let regex = try? Regex(matcher.value) else { return nil }
            let whole = (try? regex.wholeMatch(in: value)) != nil
            return matcher.op == .regexMatch ? whole : !whole
        }
    }
}
