/// SLA commitments against what the SLOs they name achieved in the SLA period so far and the one
/// before.
func planSLAReport(_ sla: SLASpec, measured: [(SLOReportPlan, MeasuredSLO)], at: Int64) -> SLAReport {
    let period = sla.period?.value ?? .month
    let spans = SLOReportPlan.slaSpans(period, at: at)
    let tiers = sla.credits.map {
        BudgetMath.CreditTier(belowPercent: $0.below.value, creditPercent: $0.credit.value)
    }
    func achievement(_ slo: String, _ committed: Double, _ span: ReportSpan) -> SLAReport.Achievement {
        guard let (plan, values) = measured.first(where: { $0.0.slo.name == slo }) else {
            return .init(achievedPercent: nil, met: nil, creditPercent: nil)
        }
        // Grouped SLOs answer for their worst group: the customer is owed the weakest result.
        let ratios = values.keys.compactMap { values.errorRatio(span, key: $0, plan: plan) }
        guard let worst = ratios.max() else { return .init(achievedPercent: nil, met: nil, creditPercent: nil) }
        let achieved = (1 - worst) * 100
        let met = achieved >= committed
        let credit = met ? 0 : BudgetMath.credit(achievedPercent: achieved, tiers: tiers)?.creditPercent ?? 0
        return .init(achievedPercent: achieved, met: met, creditPercent: credit)
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
