/// SLA commitments against what the SLOs they name achieved in the SLA period so far and the one
/// before.
///
/// A period whose samples cover less of it than the run's `minCoverage` gets no verdict and no
/// credit: `insufficient data`, with the share achieved over the events observed beside it.
func planSLAReport(
    _ sla: SLASpec, measured: [(SLOReportPlan, MeasuredSLO)], problems: [String: String], at: Int64,
    minCoverage: Double
) -> SLAReport {
    let period = sla.period?.value ?? .month
    let spans = SLOReportPlan.slaSpans(period, at: at)
    let tiers = sla.credits.map {
        BudgetMath.CreditTier(belowPercent: $0.below.value, creditPercent: $0.credit.value)
    }
    func achievement(_ slo: String, _ committed: Double, _ span: ReportSpan) -> SLAReport.Achievement {
        func without(_ verdict: SLAReport.Verdict, _ coverage: Coverage = .none(span)) -> SLAReport.Achievement {
            .init(achievedPercent: nil, met: nil, creditPercent: nil, coverage: coverage, verdict: verdict)
        }
        if problems[slo] != nil { return without(.misconfigured) }
        guard let (plan, values) = measured.first(where: { $0.0.slo.name == slo }) else { return without(.noData) }
        let coverage = values.coverageOfAnyGroup(span)
        // Grouped SLOs answer for their worst group: the customer is owed the weakest result.
        let ratios = values.keys.compactMap { values.errorRatio(span, key: $0, plan: plan) }
        guard let worst = ratios.max() else { return without(.noData, coverage) }
        let achieved = (1 - worst) * 100
        guard coverage.share >= minCoverage else {
            return .init(
                achievedPercent: achieved, met: nil, creditPercent: nil, coverage: coverage,
                verdict: .insufficientData)
        }
        let met = achieved >= committed
        let credit = met ? 0 : BudgetMath.credit(achievedPercent: achieved, tiers: tiers)?.creditPercent ?? 0
        return .init(
            achievedPercent: achieved, met: met, creditPercent: credit, coverage: coverage,
            verdict: met ? .met : .missed)
    }
    return SLAReport(
        title: sla.title.value, period: period.rawValue, current: spans.current, previous: spans.previous,
        commitments: sla.commitments.map { commitment in
            SLAReport.Commitment(
                slo: commitment.slo.value, committedPercent: commitment.objective.value,
                current: achievement(commitment.slo.value, commitment.objective.value, spans.current),
                previous: achievement(commitment.slo.value, commitment.objective.value, spans.previous))
        })
}
