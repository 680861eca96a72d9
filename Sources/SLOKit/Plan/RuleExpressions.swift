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
    static func own(_ metric: String, of slo: SLOModel) -> PromQLExpr {
        PromQLExpr(
            .vectorSelector(
                PromQLVectorSelector(
                    name: metric,
                    matchers: [
                        PromQLLabelMatcher(name: ReservedLabels.service, op: .equal, value: slo.service),
                        PromQLLabelMatcher(name: ReservedLabels.name, op: .equal, value: slo.name),
                    ])))
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
    /// NaN) while there are no events. The base window divides the recordings themselves.
    static func errorRatio(_ slo: SLOModel, window: DurationValue) -> PromQLExpr {
        let base = SeriesNames.baseWindow
        let errors = own(SeriesNames.errorsRate, of: slo)
        let total = own(SeriesNames.totalRate, of: slo)
        if window == base { return binary(errors, .div, paren(binary(total, .greater, number(0)))) }
        return binary(
            sumOverTime(errors, window: window, step: base), .div,
            paren(binary(sumOverTime(total, window: window, step: base), .greater, number(0))))
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
