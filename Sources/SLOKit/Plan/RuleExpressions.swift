/// The PromQL of the rules the compiler writes itself — window ratios, burn rates, budget and
/// alert conditions — built as `PromQLExpr` trees and printed by `PromQLPrinter`, so a rule's
/// structure is data a planner can change (a new window rule is a new tree, not a new string).
///
/// User queries (`errors:`, `total:`, templates) stay as written: the SLI recordings in
/// `SLIExpressions` keep the user's text verbatim, so the rules show what the spec says.
enum RuleExpressions {
    /// How the rules spell numbers and durations: `0.00001`, never `1e-05`; `28d`, never `4w`.
    static let style = PromQLPrinter.Style(
        number: { NumberFormat.clean($0) }, duration: { DurationValue(milliseconds: $0.milliseconds).description })

    /// One line of PromQL in the rules' style.
    static func text(_ expr: PromQLExpr) -> String { PromQLPrinter.print(expr, style: style) }

    /// An alert condition laid out for reading: each `or` branch on its own lines, the two sides of
    /// a parenthesised `and` indented under each other, a line break at the end.
    static func alertText(_ expr: PromQLExpr) -> String { layout(expr) + "\n" }

    /// A recording laid out for reading: a sum of chunks gets a line per chunk, parentheses around
    /// a sum open and close on lines of their own, a ratio of sums puts `/` on its own line; an
    /// expression without a sum stays on one line.
    static func recordingText(_ expr: PromQLExpr) -> String {
        hasSum(expr) ? block(expr, indent: "") + "\n" : text(expr)
    }

    private static func hasSum(_ expr: PromQLExpr) -> Bool {
        switch expr.kind {
        case .binary(let binary):
            return (binary.op == .add && binary.matching == nil) || hasSum(binary.lhs) || hasSum(binary.rhs)
        case .paren(let inner): return hasSum(inner)
        default: return false
        }
    }

    private static func block(_ expr: PromQLExpr, indent: String) -> String {
        guard hasSum(expr) else { return text(expr) }
        switch expr.kind {
        case .paren(let inner):
            let inside = indent + "  "
            return "(\n" + inside + block(inner, indent: inside) + "\n" + indent + ")"
        case .binary(let binary) where binary.op == .add && binary.matching == nil:
            var terms = [binary.rhs]
            var rest = binary.lhs
            while case .binary(let next) = rest.kind, next.op == .add, next.matching == nil {
                terms.append(next.rhs)
                rest = next.lhs
            }
            terms.append(rest)
            return terms.reversed().map(text).joined(separator: " +\n" + indent)
        case .binary(let binary) where binary.op == .div:
            return block(binary.lhs, indent: indent) + "\n" + indent + "/\n" + indent
                + block(binary.rhs, indent: indent)
        case .binary(let binary):
            return block(binary.lhs, indent: indent) + " " + binary.op.rawValue + " "
                + block(binary.rhs, indent: indent)
        default:
            return text(expr)
        }
    }

    private static func layout(_ expr: PromQLExpr) -> String {
        switch expr.kind {
        case .binary(let binary) where binary.op == .or && binary.matching == nil:
            return layout(binary.lhs) + "\nor\n" + layout(binary.rhs)
        case .paren(let inner):
            guard case .binary(let binary) = inner.kind, binary.op == .and, binary.matching == nil else {
                return text(expr)
            }
            return "(\n  " + text(binary.lhs) + "\n  and\n  " + text(binary.rhs) + "\n)"
        default:
            return text(expr)
        }
    }

    // MARK: Building blocks

    /// `metric{slo_service="…",slo_name="…"}`: a series of the SLO's own recordings.
    static func own(_ metric: String, of slo: SLOModel, offset: DurationValue? = nil) -> PromQLExpr {
        PromQLExpr(.vectorSelector(ownSelector(metric, of: slo, offset: offset)))
    }

    /// The selector of `own`, for range selectors and offsets.
    static func ownSelector(_ metric: String, of slo: SLOModel, offset: DurationValue? = nil) -> PromQLVectorSelector {
        PromQLVectorSelector(
            name: metric,
            matchers: [
                PromQLLabelMatcher(name: ReservedLabels.service, op: .equal, value: slo.service),
                PromQLLabelMatcher(name: ReservedLabels.name, op: .equal, value: slo.name),
            ],
            offset: offset.flatMap { $0.milliseconds > 0 ? PromQLDuration(milliseconds: $0.milliseconds) : nil })
    }

    static func number(_ value: Double) -> PromQLExpr { PromQLExpr(.number(value)) }

    static func paren(_ expr: PromQLExpr) -> PromQLExpr { PromQLExpr(.paren(expr)) }

    static func call(_ name: String, _ args: PromQLExpr...) -> PromQLExpr {
        PromQLExpr(.call(PromQLCall(name: name, args: args)))
    }

    static func binary(_ lhs: PromQLExpr, _ op: PromQLBinaryOperator, _ rhs: PromQLExpr) -> PromQLExpr {
        PromQLExpr(.binary(PromQLBinaryExpr(op: op, lhs: lhs, rhs: rhs)))
    }

    /// `sum_over_time(expr[window:step])`: the sum of a recorded rate's samples over a window.
    static func sumOverTime(_ expr: PromQLExpr, window: DurationValue, step: DurationValue) -> PromQLExpr {
        call(
            "sum_over_time",
            PromQLExpr(
                .subquery(
                    PromQLSubquery(
                        expr: expr, range: PromQLDuration(milliseconds: window.milliseconds),
                        step: PromQLDuration(milliseconds: step.milliseconds)))))
    }

    // MARK: The rules

    /// Bad events over all events in `window`, from the 5-minute recordings; no ratio (rather than
    /// NaN) while there are no events. The base window divides the recordings themselves; longer
    /// windows add up their tiles (`WindowPlan`). In the flat layout the base window divides the
    /// raw expressions, so the ratio never waits for a recording of its own round.
    static func errorRatio(_ slo: SLOModel, window: DurationValue, layout: WindowPlan.Layout = .chained) -> PromQLExpr {
        if window == SeriesNames.baseWindow {
            if layout == .flat {
                return binary(rawRate(slo, .errors), .div, paren(binary(rawRate(slo, .total), .greater, number(0))))
            }
            let total = own(SeriesNames.totalRate, of: slo)
            return binary(own(SeriesNames.errorsRate, of: slo), .div, paren(binary(total, .greater, number(0))))
        }
        return ratio(slo, WindowPlan(window: window, layout: layout))
    }

    /// `Σ errors chunks / (Σ total chunks > 0)` for one window plan.
    static func ratio(_ slo: SLOModel, _ plan: WindowPlan) -> PromQLExpr {
        let errors = events(slo, plan, .errors, scaleRates: plan.mixesUnits)
        let total = events(slo, plan, .total, scaleRates: plan.mixesUnits)
        return binary(
            plan.chunks.count > 1 ? paren(errors) : errors, .div,
            paren(binary(plan.chunks.count > 1 ? paren(total) : total, .greater, number(0))))
    }

    /// The sum of one side's chunks. When the newest chunk is the raw expression (flat layout),
    /// its labels (the SLO's `groupBy` only) differ from the recordings' (which also carry
    /// `slo_service`, `slo_name` and the SLO's labels): the raw chunk is marked with a label of
    /// its own, joined to the older chunks with `or` and the union summed by `groupBy`, so either
    /// part alone (a new SLO, a service that stopped) still gives a window.
    static func events(_ slo: SLOModel, _ plan: WindowPlan, _ side: EventSide, scaleRates: Bool) -> PromQLExpr {
        let layout: WindowPlan.Layout = plan.chunks.first?.source == .raw ? .flat : .chained
        let terms = plan.chunks.map { chunk($0, side, slo, scaleRates: scaleRates, layout: layout) }
        guard layout == .flat else { return sum(terms) }
        let lead = call(
            "label_replace", terms[0], string(flatPartLabel), string("lead"), string(""), string(""))
        let union = terms.count == 1 ? lead : binary(lead, .or, paren(sum(Array(terms.dropFirst()))))
        return PromQLExpr(
            .aggregation(
                PromQLAggregation(op: .sum, expr: union, grouping: slo.groupBy.isEmpty ? nil : .by(slo.groupBy))))
    }

    /// The label that keeps a flat window's raw chunk apart from its recorded chunks until they are summed.
    static let flatPartLabel = "slo_part"

    static func string(_ text: String) -> PromQLExpr { PromQLExpr(.string(text)) }

    /// The SLI's own 5-minute expression for one side (what `slo:sli_errors:rate5m` records),
    /// read inline by the flat layout.
    static func rawRate(_ slo: SLOModel, _ side: EventSide) -> PromQLExpr {
        let text =
            SLIExpressions(slo: slo, own: SeriesSelector(slo: slo), window: WindowPlan.tile)
            .baseRecordings().first { $0.0 == side.rate }?.1 ?? ""
        return (try? PromQLParser.parse(text)).map(paren) ?? own(side.rate, of: slo)
    }

    /// A level: events over its size, the sum of the level below at fixed offsets (`increase1h` =
    /// 300 × twelve 5-minute rates, per second, at t, t−5m, …, t−55m). In the flat layout a level
    /// is laid out like a window of its size: raw newest chunk, older chunks from earlier rounds.
    static func level(
        _ slo: SLOModel, size: DurationValue, side: EventSide, layout: WindowPlan.Layout = .chained
    ) -> PromQLExpr {
        if layout == .flat {
            let plan = WindowPlan(window: size, layout: .flat)
            let total = events(slo, plan, side, scaleRates: plan.mixesUnits)
            return plan.mixesUnits ? total : binary(number(WindowPlan.tile.seconds), .mul, paren(total))
        }
        let chunks = WindowPlan.levelChunks(size)
        let total = sum(chunks.map { chunk($0, side, slo, scaleRates: false) })
        guard chunks.first?.source == .rate5m else { return total }
        return binary(number(WindowPlan.tile.seconds), .mul, paren(total))
    }

    /// A zero with the labels of every series that had traffic recorded within the hour: the value
    /// of a chunk that was not recorded (before the first evaluation, or lost in a gap), so the
    /// other chunks still add up. A series gone for an hour drops out of every window.
    /// In the flat layout the range ends 1 ms before the evaluation, so it never reads the
    /// base recording of its own round (which vmalert may not have written yet).
    static func presenceTemplate(_ slo: SLOModel, layout: WindowPlan.Layout = .chained) -> PromQLExpr {
        let range = PromQLExpr(
            .matrixSelector(
                PromQLMatrixSelector(
                    selector: ownSelector(
                        SeriesNames.totalRate, of: slo,
                        offset: layout == .flat ? DurationValue(milliseconds: 1) : nil),
                    range: PromQLDuration(milliseconds: SeriesNames.presenceWindow.milliseconds))))
        return binary(number(0), .mul, call("last_over_time", range))
    }

    /// Which events a chunk counts.
    enum EventSide: Sendable {
        case errors, total

        var rate: String { self == .errors ? SeriesNames.errorsRate : SeriesNames.totalRate }

        func level(_ size: DurationValue) -> String {
            self == .errors ? SeriesNames.errorsIncrease(size) : SeriesNames.totalIncrease(size)
        }
    }

    /// `(series offset o or template)`: the chunk, or zero events when it was not recorded. The
    /// raw source (flat layout) is the base recording's own expression, with no template: the
    /// template is a recording too, so the flat layout reads it from the round 5 minutes back.
    static func chunk(
        _ chunk: WindowPlan.Chunk, _ side: EventSide, _ slo: SLOModel, scaleRates: Bool,
        layout: WindowPlan.Layout = .chained
    ) -> PromQLExpr {
        let isRate = chunk.source == .rate5m || chunk.source == .raw
        func scaled(_ term: PromQLExpr) -> PromQLExpr {
            scaleRates && isRate ? binary(number(WindowPlan.tile.seconds), .mul, term) : term
        }
        let name: String
        switch chunk.source {
        case .raw: return scaled(rawRate(slo, side))
        case .rate5m: name = side.rate
        case .level(let size): name = side.level(size)
        }
        let template = own(SeriesNames.presenceTemplate, of: slo, offset: layout == .flat ? WindowPlan.tile : nil)
        return scaled(paren(binary(own(name, of: slo, offset: chunk.offset), .or, template)))
    }

    /// `a + b + c`, left to right.
    static func sum(_ terms: [PromQLExpr]) -> PromQLExpr {
        terms.dropFirst().reduce(terms[0]) { binary($0, .add, $1) }
    }

    /// The error ratio of `window` as a multiple of the error budget.
    static func burnRate(
        _ slo: SLOModel, ratioOf window: DurationValue, layout: WindowPlan.Layout = .chained
    ) -> PromQLExpr {
        binary(windowRatio(slo, window, layout: layout), .div, number(slo.errorBudget))
    }

    /// A window's error ratio as a rule reads it: the recording (chained), or the ratio's own
    /// expression inline (flat: a recording of this round may not be written yet).
    static func windowRatio(_ slo: SLOModel, _ window: DurationValue, layout: WindowPlan.Layout) -> PromQLExpr {
        layout == .flat
            ? paren(errorRatio(slo, window: window, layout: .flat)) : own(SeriesNames.errorRatio(window), of: slo)
    }

    /// One tier: any of its window pairs with both windows above `factor × budget`.
    static func burnCondition(
        _ slo: SLOModel, _ windows: [BurnRateWindow], layout: WindowPlan.Layout = .chained
    ) -> PromQLExpr {
        let branches = windows.map { pair in
            let threshold = paren(binary(number(pair.factor), .mul, number(slo.errorBudget)))
            return paren(
                binary(
                    binary(windowRatio(slo, pair.short, layout: layout), .greater, threshold), .and,
                    binary(windowRatio(slo, pair.long, layout: layout), .greater, threshold)))
        }
        return branches.dropFirst().reduce(branches[0]) { binary($0, .or, $1) }
    }

    /// The achieved level in percent over `days` days, evaluated at the period's end (SLA appendix).
    static func achievedPercent(_ slo: SLOModel, days: Int) -> PromQLExpr {
        let window = DurationValue.days(Int64(days))
        let ratio = binary(
            sumOverTime(own(SeriesNames.errorsRate, of: slo), window: window, step: SeriesNames.baseWindow), .div,
            sumOverTime(own(SeriesNames.totalRate, of: slo), window: window, step: SeriesNames.baseWindow))
        return binary(number(100), .mul, paren(binary(number(1), .sub, ratio)))
    }
}
