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
    /// windows add up their tiles (`WindowPlan`).
    static func errorRatio(_ slo: SLOModel, window: DurationValue, layout: WindowPlan.Layout = .chained) -> PromQLExpr {
        if window == SeriesNames.baseWindow {
            let total = own(SeriesNames.totalRate, of: slo)
            return binary(own(SeriesNames.errorsRate, of: slo), .div, paren(binary(total, .greater, number(0))))
        }
        return ratio(slo, WindowPlan(window: window, layout: layout))
    }

    /// `Σ errors chunks / (Σ total chunks > 0)` for one window plan.
    static func ratio(_ slo: SLOModel, _ plan: WindowPlan) -> PromQLExpr {
        func side(_ side: EventSide) -> PromQLExpr {
            sum(plan.chunks.map { chunk($0, side, slo, scaleRates: plan.mixesUnits) })
        }
        let errors = side(.errors)
        let total = side(.total)
        return binary(
            plan.chunks.count > 1 ? paren(errors) : errors, .div,
            paren(binary(plan.chunks.count > 1 ? paren(total) : total, .greater, number(0))))
    }

    /// A level: events over its size, the sum of the level below at fixed offsets (`increase1h` =
    /// 300 × twelve 5-minute rates, per second, at t, t−5m, …, t−55m).
    static func level(_ slo: SLOModel, size: DurationValue, side: EventSide) -> PromQLExpr {
        let chunks = WindowPlan.levelChunks(size)
        let total = sum(chunks.map { chunk($0, side, slo, scaleRates: false) })
        guard chunks.first?.source == .rate5m else { return total }
        return binary(number(WindowPlan.tile.seconds), .mul, paren(total))
    }

    /// A zero with the labels of every series that had traffic recorded within the hour: the value
    /// of a chunk that was not recorded (before the first evaluation, or lost in a gap), so the
    /// other chunks still add up. A series gone for an hour drops out of every window.
    static func presenceTemplate(_ slo: SLOModel) -> PromQLExpr {
        let range = PromQLExpr(
            .matrixSelector(
                PromQLMatrixSelector(
                    selector: ownSelector(SeriesNames.totalRate, of: slo),
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

    /// `(series offset o or template)`: the chunk, or zero events when it was not recorded.
    /// The raw source (flat layout) is the base recording's own expression.
    static func chunk(_ chunk: WindowPlan.Chunk, _ side: EventSide, _ slo: SLOModel, scaleRates: Bool) -> PromQLExpr {
        let template = own(SeriesNames.presenceTemplate, of: slo)
        var term: PromQLExpr
        switch chunk.source {
        case .raw:
            let text =
                SLIExpressions(slo: slo, own: SeriesSelector(slo: slo), window: WindowPlan.tile)
                .baseRecordings().first { $0.0 == side.rate }?.1 ?? ""
            term = (try? PromQLParser.parse(text)).map(paren) ?? own(side.rate, of: slo)
        case .rate5m, .level:
            let name: String
            if case .level(let size) = chunk.source { name = side.level(size) } else { name = side.rate }
            term = own(name, of: slo, offset: chunk.offset)
        }
        let guarded = paren(binary(term, .or, template))
        let isRate = chunk.source == .rate5m || chunk.source == .raw
        return scaleRates && isRate ? binary(number(WindowPlan.tile.seconds), .mul, guarded) : guarded
    }

    /// `a + b + c`, left to right.
    static func sum(_ terms: [PromQLExpr]) -> PromQLExpr {
        terms.dropFirst().reduce(terms[0]) { binary($0, .add, $1) }
    }

    /// The error ratio of `window` as a multiple of the error budget.
    static func burnRate(_ slo: SLOModel, ratioOf window: DurationValue) -> PromQLExpr {
        binary(own(SeriesNames.errorRatio(window), of: slo), .div, number(slo.errorBudget))
    }

    /// One tier: any of its window pairs with both windows above `factor × budget`.
    static func burnCondition(_ slo: SLOModel, _ windows: [BurnRateWindow]) -> PromQLExpr {
        let branches = windows.map { pair in
            let threshold = paren(binary(number(pair.factor), .mul, number(slo.errorBudget)))
            return paren(
                binary(
                    binary(own(SeriesNames.errorRatio(pair.short), of: slo), .greater, threshold), .and,
                    binary(own(SeriesNames.errorRatio(pair.long), of: slo), .greater, threshold)))
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
