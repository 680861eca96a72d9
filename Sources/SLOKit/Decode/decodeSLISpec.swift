extension SpecDecoder {
    /// Exactly one SLI form, with the budgeting method it implies.
    func sli(_ node: YAMLNode, budgeting: Located<BudgetingMethod>?) -> SLISpec? {
        guard let fields = reader.mapping(node, "`sli`", allowed: NativeKeys.sli, homes: NativeKeys.homes) else {
            return nil
        }
        let forms = ["errors", "good", "errorRatio", "latency", "timeslice"].filter { fields.has($0) }
            .sorted {
                (fields.keyLocation($0)?.line ?? 0, fields.keyLocation($0)?.column ?? 0) < (
                    fields.keyLocation($1)?.line ?? 0, fields.keyLocation($1)?.column ?? 0
                )
            }
        guard let form = forms.first else {
            reader.error(
                .missingField,
                "`sli` needs one of `errors` + `total`, `good` + `total`, `errorRatio`, `latency` or `timeslice`",
                at: node.location)
            return nil
        }
        for extra in forms.dropFirst() {
            reader.error(
                .conflictingFields, "`sli` has both `\(form)` and `\(extra)`; keep one SLI form and remove the other",
                at: fields.keyLocation(extra) ?? node.location)
        }
        guard forms.count == 1 else { return nil }
        if fields.has("total"), form != "errors", form != "good" {
            reader.error(
                .conflictingFields, "`total` goes with `errors` or `good`, not with `\(form)`; remove it",
                at: fields.keyLocation("total") ?? node.location)
            return nil
        }
        let groupBy = fields["groupBy"].map(groupByLabels) ?? []
        var kind: SLISpec.Kind?
        switch form {
        case "errors", "good":
            let what = "`\(form)`"
            let events = fields[form].flatMap { eventQuery($0, what) }
            let total = fields.required("total", hint: "the query or selector counting all events")
                .flatMap { eventQuery($0, "`total`") }
            if let events, let total {
                kind = form == "errors" ? .errors(events, total: total) : .good(events, total: total)
            }
        case "errorRatio":
            if let ratioNode = fields["errorRatio"], let query = reader.query(ratioNode, "`errorRatio`") {
                if query.isTemplate {
                    kind = .errorRatio(query)
                } else {
                    reader.error(
                        .missingWindowPlaceholder,
                        "`errorRatio` must use `{{.window}}` as the range of its rates, e.g. `sum(rate(errors[{{.window}}])) / sum(rate(total[{{.window}}]))`",
                        at: ratioNode.location)
                }
            } else if fields["errorRatio"] == nil {
                reader.error(
                    .missingField, "`errorRatio` is empty; write a ratio query using `{{.window}}`", at: node.location)
            }
        case "latency":
            kind = fields["latency"].flatMap(latency).map { .latency($0) }
        default:
            kind = fields["timeslice"].flatMap(timeslice).map { .timeslice($0) }
        }
        if let budgeting {
            let isSlices = form == "timeslice"
            if budgeting.value == .timeslices, !isSlices {
                reader.error(
                    .conflictingFields,
                    "`budgeting: timeslices` needs a `timeslice` SLI; remove `budgeting` or describe the slice",
                    at: budgeting.location)
            } else if budgeting.value == .occurrences, isSlices {
                reader.error(
                    .conflictingFields,
                    "a `timeslice` SLI counts slices: write `budgeting: timeslices` or remove `budgeting`",
                    at: budgeting.location)
            }
        }
        guard let kind else { return nil }
        return SLISpec(range: node.range, kind: kind, groupBy: groupBy)
    }

    /// An event query: a bare selector (the compiler writes the rate), or full PromQL with `{{.window}}`.
    private func eventQuery(_ node: YAMLNode, _ what: String) -> QuerySpec? {
        guard let query = reader.query(node, what) else { return nil }
        if !query.isTemplate, SelectorShape.hasCallsOrRanges(query.text) {
            reader.error(
                .missingWindowPlaceholder,
                "\(what) is full PromQL without `{{.window}}`; write a bare selector such as `http_requests_total{job=\"api\"}`, or use `[{{.window}}]` as the range of every rate",
                at: node.location)
            return nil
        }
        return query
    }

    private func groupByLabels(_ node: YAMLNode) -> [Located<String>] {
        guard let items = reader.sequence(node, "`groupBy`") else { return [] }
        var seen = Set<String>()
        return items.compactMap { item in
            guard let label = reader.string(item, "a `groupBy` label") else { return nil }
            guard PrometheusNames.isValidLabelName(label.value) else {
                reader.error(
                    .invalidLabelName, "`\(label.value)` is not a valid label name; use letters, digits and `_`",
                    at: item.location)
                return nil
            }
            if PrometheusNames.isReservedLabel(label.value) {
                reader.error(
                    .reservedLabel, "label `\(label.value)` is reserved for the compiler; group by another label",
                    at: item.location)
                return nil
            }
            guard seen.insert(label.value).inserted else {
                reader.error(
                    .duplicateKey, "`\(label.value)` is listed twice in `groupBy`; remove one", at: item.location)
                return nil
            }
            return label
        }
    }

    private func latency(_ node: YAMLNode) -> LatencySLISpec? {
        guard let fields = reader.mapping(node, "`latency`", allowed: NativeKeys.latency, homes: NativeKeys.homes)
        else { return nil }
        var metric = fields.required("metric", hint: "the histogram's base name, e.g. `http_request_duration_seconds`")
            .flatMap { reader.string($0, "`metric`") }
        if let name = metric {
            if !PrometheusNames.isValidMetricName(name.value) {
                reader.error(
                    .invalidSelector, "`\(name.value)` is not a metric name; write the histogram's base name",
                    at: name.location)
                metric = nil
            } else if name.value.hasSuffix("_bucket") || name.value.hasSuffix("_count") || name.value.hasSuffix("_sum")
            {
                let base = name.value.replacingSuffix()
                reader.error(
                    .invalidSelector,
                    "write the histogram's base name `\(base)`; the compiler adds `_bucket` and `_count`",
                    at: name.location)
                metric = nil
            }
        }
        var selector: QuerySpec?
        if let selectorNode = fields["selector"], let query = reader.query(selectorNode, "`selector`") {
            let trimmed = query.text.trimmingWhitespace
            if trimmed.hasPrefix("{"), !SelectorShape.hasCallsOrRanges(query.text) {
                selector = query
            } else {
                reader.error(
                    .invalidSelector, "`selector` must be label matchers in braces, e.g. `'{job=\"api\"}'`",
                    at: selectorNode.location)
            }
        }
        let threshold = fields.required("threshold", hint: "the latency bound, a bucket's `le`, e.g. `300ms`")
            .flatMap(latencyThreshold)
        guard let metric, let threshold else { return nil }
        return LatencySLISpec(metric: metric, selector: selector, threshold: threshold)
    }

    /// A duration (`300ms`) or a plain number of seconds (`0.3`); it must name a bucket's `le`.
    private func latencyThreshold(_ node: YAMLNode) -> Located<Double>? {
        guard case .scalar(let scalar) = node.kind else {
            reader.error(.wrongType, "`threshold` must be a duration such as `300ms`", at: node.location)
            return nil
        }
        if scalar.style == .plain, let seconds = YAMLNumber.parse(scalar.value), seconds > 0, seconds.isFinite {
            // A whole number reads as seconds; `threshold: 400` almost always meant milliseconds.
            if seconds == seconds.rounded(), !scalar.value.contains("."), seconds < 1e9 {
                let whole = Int64(seconds)
                let likely = whole >= 10 ? "\(whole)ms" : "\(whole)s"
                let decimal = whole >= 10 ? NumberFormat.clean(seconds / 1000) : "\(whole).0"
                reader.warning(
                    .thresholdWithoutUnit,
                    "`threshold: \(scalar.value)` is a bare number, read as \(whole) seconds; write a unit, e.g. `\(whole)ms` or `\(whole)s`, or seconds with a decimal point, e.g. `\(decimal)`",
                    at: node.location, fixIt: .init(replacing: node.range, with: likely))
            }
            return Located(seconds, node.range)
        }
        if let duration = DurationValue(parsing: scalar.value), duration.milliseconds > 0 {
            return Located(duration.seconds, node.range)
        }
        reader.error(
            .invalidHistogramThreshold,
            "`threshold` `\(scalar.value)` is not a positive bucket bound; write a duration such as `300ms` or seconds such as `0.3`",
            at: node.location)
        return nil
    }

    private func timeslice(_ node: YAMLNode) -> TimesliceSLISpec? {
        guard let fields = reader.mapping(node, "`timeslice`", allowed: NativeKeys.timeslice, homes: NativeKeys.homes)
        else { return nil }
        let query = fields.required("query", hint: "an instant query, e.g. `max(jetstream_consumer_num_pending)`")
            .flatMap { reader.query($0, "`query`") }
        let good = fields.required("good", hint: "the condition that makes a slice good, e.g. `'< 1000'`")
            .flatMap(sliceCondition)
        var slice = fields.required("slice", hint: "the slice length, e.g. `1m`").flatMap {
            reader.duration($0, "`slice`")
        }
        // Slices are judged inside the 5-minute base window the rules record, so a slice must
        // divide it: 1m or 5m.
        if let length = slice, length.value != .minutes(1), length.value != .minutes(5) {
            reader.error(
                .invalidDuration, "`slice` must be `1m` or `5m` (a slice divides the rules' 5-minute base window)",
                at: length.location)
            slice = nil
        }
        guard let query, let good, let slice else { return nil }
        return TimesliceSLISpec(query: query, good: good, slice: slice)
    }

    private func sliceCondition(_ node: YAMLNode) -> Located<SliceCondition>? {
        guard let text = reader.string(node, "`good`") else { return nil }
        let trimmed = String(text.value.trimmingWhitespace)
        let operators = SliceCondition.Operator.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
        if let op = operators.first(where: { trimmed.hasPrefix($0.rawValue) }) {
            let number = trimmed.dropFirst(op.rawValue.count).trimmingCharacters()
            if let value = YAMLNumber.parse(number), value.isFinite {
                return Located(SliceCondition(op: op, value: value), node.range)
            }
        }
        reader.error(
            .invalidCondition,
            "`good` `\(text.value)` is not a condition; write a comparison and a number, e.g. `'< 1000'` or `'>= 0.99'` (quoted)",
            at: node.location)
        return nil
    }
}

/// A cheap shape test, before PromQL parsing: text with a call or a range outside quotes is full
/// PromQL (and then needs `{{.window}}`); anything else is treated as a selector, so a malformed
/// one gets the PromQL parser's precise error rather than a misleading "missing placeholder".
enum SelectorShape {
    static func hasCallsOrRanges(_ text: String) -> Bool {
        var inQuote: UInt8?
        var escaped = false
        for byte in text.utf8 {
            if let quote = inQuote {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == quote {
                    inQuote = nil
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"): inQuote = byte
            case UInt8(ascii: "("), UInt8(ascii: "["): return true
            default: continue
            }
        }
        return false
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String { String(String(self).trimmingWhitespace) }
}

extension String {
    fileprivate func replacingSuffix() -> String {
        for suffix in ["_bucket", "_count", "_sum"] where hasSuffix(suffix) {
            return String(dropLast(suffix.count))
        }
        return self
    }
}
