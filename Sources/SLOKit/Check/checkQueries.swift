/// Parses every PromQL query of a spec and reports mistakes at the exact character in the YAML.
///
/// Templates are parsed after `{{.window}}` is replaced by `5m`; error offsets are mapped back
/// through the substitution and then through the scalar's quoting and folding to a line and column.
struct QueryChecker {
    let file: SourceFile
    let diagnostics: DiagnosticCollector

    func check(_ spec: ServiceSpec) {
        for slo in spec.slos { check(slo) }
    }

    private func check(_ slo: SLOSpec) {
        let groupBy = slo.sli.groupBy
        switch slo.sli.kind {
        case .errors(let events, let total), .good(let events, let total):
            let what = if case .errors = slo.sli.kind { "errors" } else { "good" }
            let parsedEvents = eventQuery(events, what, groupBy: groupBy)
            let parsedTotal = eventQuery(total, "total", groupBy: groupBy)
            if what == "errors", let errors = parsedEvents, let total = parsedTotal {
                checkContradiction(errors: errors, total: total, at: events)
            }
        case .errorRatio(let query):
            _ = template(query, "errorRatio", groupBy: groupBy)
        case .latency(let latency):
            if let selector = latency.selector {
                let prefix = latency.metric.value + "_bucket"
                _ = parse(selector, prefix: prefix, what: "selector")
            }
        case .timeslice(let slice):
            if let expr = parse(slice.query, prefix: "", what: "query") {
                requireInstantVector(expr, slice.query, "the timeslice query")
                reportDropped(expr, groupBy: groupBy, at: slice.query)
            }
        }
    }

    /// A selector (the compiler writes the rate) or a `{{.window}}` template.
    private func eventQuery(_ query: QuerySpec, _ what: String, groupBy: [Located<String>])
        -> PromQLVectorSelector?
    {
        if query.isTemplate {
            _ = template(query, what, groupBy: groupBy)
            return nil
        }
        guard let expr = parse(query, prefix: "", what: what) else { return nil }
        var node = expr
        while case .paren(let inner) = node.kind { node = inner }
        guard case .vectorSelector(let selector) = node.kind, selector.offset == nil, selector.at == nil else {
            diagnostics.emit(
                .error(
                    .invalidSelector,
                    "`\(what)` must be a bare selector such as `http_requests_total{code=~\"5..\"}` (no functions, ranges, offset or @), or full PromQL using `[{{.window}}]`",
                    at: positions(query).location(ofOffset: expr.range.lowerBound)))
            return nil
        }
        return selector
    }

    private func template(_ query: QuerySpec, _ what: String, groupBy: [Located<String>]) -> PromQLExpr? {
        guard let expr = parse(query, prefix: "", what: what) else { return nil }
        requireInstantVector(expr, query, "`\(what)`")
        reportDropped(expr, groupBy: groupBy, at: query)
        return expr
    }

    private func requireInstantVector(_ expr: PromQLExpr, _ query: QuerySpec, _ what: String) {
        let type = expr.resultType
        guard type != .instantVector else { return }
        diagnostics.emit(
            .error(
                .promqlType,
                "\(what) yields a \(type) but an SLI needs an instant vector; wrap ranges in a function such as `rate(…[{{.window}}])` and aggregate with `sum(…)`",
                at: positions(query).location(ofOffset: 0)))
    }

    /// A `groupBy` label that an aggregation drops leaves every group with the same budget.
    private func reportDropped(_ expr: PromQLExpr, groupBy: [Located<String>], at query: QuerySpec) {
        let dropped = Set(expr.droppedLabels(among: groupBy.map(\.value)))
        for label in groupBy where dropped.contains(label.value) {
            diagnostics.emit(
                .error(
                    .groupByLabelDropped,
                    "`groupBy` label `\(label.value)` does not survive this query's aggregation; add it, e.g. `sum by (\(label.value)) (…)`, or remove it from `groupBy`",
                    at: positions(query).location(ofOffset: 0),
                    notes: [.init("`\(label.value)` is listed in `groupBy` here", at: label.location)]))
        }
    }

    /// Errors and total over the same metric whose matchers exclude each other: no error is ever
    /// counted among the events, or the ratio is always 1.
    private func checkContradiction(
        errors: PromQLVectorSelector, total: PromQLVectorSelector, at query: QuerySpec
    ) {
        guard errors.metricName == total.metricName else { return }
        if errors.matchers.count == total.matchers.count, errors.matchers.allSatisfy(total.matchers.contains) {
            diagnostics.emit(
                .error(
                    .sliContradiction,
                    "`errors` selects exactly the same series as `total`, so every event counts as an error; add the matcher that picks errors, e.g. `code=~\"5..\"`",
                    at: positions(query).location(ofOffset: 0)))
            return
        }
        for error in errors.matchers where error.op == .equal {
            for other in total.matchers where other.name == error.name {
                let excludes =
                    (other.op == .equal && other.value != error.value)
                    || (other.op == .notEqual && other.value == error.value)
                if excludes {
                    diagnostics.emit(
                        .error(
                            .sliContradiction,
                            "`errors` requires \(error) but `total` requires \(other): no error is ever among the events; make `total` include the errors",
                            at: positions(query).location(ofOffset: error.range.lowerBound)))
                    return
                }
            }
        }
    }

    /// Parses a query (with an optional prefix, e.g. the metric before a `{…}` selector) and
    /// reports a syntax or type error at its character in the YAML file.
    private func parse(_ query: QuerySpec, prefix: String, what: String) -> PromQLExpr? {
        let (text, toOriginal) = Self.substitute(query.text)
        do {
            return try PromQLParser.parse(prefix + text)
        } catch {
            let prefixLength = prefix.unicodeScalars.count
            let offset = toOriginal(max(0, error.offset - prefixLength))
            let code: DiagnosticCode = error.kind == .type ? .promqlType : .promqlSyntax
            let map = positions(query)
            var fixIt: Diagnostic.FixIt?
            // A replacement inside the query, written into the YAML scalar: only where the scalar's
            // characters map one to one and the new text needs no quoting in any scalar style.
            if let replacement = error.replacement, map.isExact, error.offset >= prefixLength,
                replacement.unicodeScalars.allSatisfy({
                    $0.properties.isAlphabetic || "_!=".unicodeScalars.contains($0)
                })
            {
                let end = toOriginal(max(0, error.end - prefixLength))
                fixIt = .init(
                    start: map.location(ofOffset: offset), end: map.location(ofOffset: end), replacement: replacement)
            }
            diagnostics.emit(
                .error(
                    code, "PromQL error in `\(what)`: \(error.message)", at: map.location(ofOffset: offset),
                    fixIt: fixIt))
            return nil
        }
    }

    private func positions(_ query: QuerySpec) -> ScalarPositions {
        ScalarPositions(file: file, source: query.source, value: query.text)
    }

    /// `{{.window}}` → `5m`, and a map from offsets in the result back to the original text.
    static func substitute(_ text: String) -> (String, (Int) -> Int) {
        let placeholder = Array(QuerySpec.windowPlaceholder.unicodeScalars)
        let replacement = Array("5m".unicodeScalars)
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var origin: [Int] = []
        var index = 0
        while index < scalars.count {
            if scalars[index] == "{", index + placeholder.count <= scalars.count,
                Array(scalars[index..<index + placeholder.count]) == placeholder
            {
                for scalar in replacement {
                    out.append(scalar)
                    origin.append(index)
                }
                index += placeholder.count
            } else {
                out.append(scalars[index])
                origin.append(index)
                index += 1
            }
        }
        let total = scalars.count
        return (String(out), { offset in offset < origin.count ? origin[offset] : total })
    }
}
