import Testing

@testable import SLOKit

/// Which SLOs get a calendar group, what moves there, and that every expression parses.
/// promtool runs the rules themselves in `calendar.test.yml` (integration tier).
@Suite struct CalendarGroupTests {
    static func service(window: String, sla: String = "") -> ServiceModel {
        let checked = Compiler().check([
            SourceFile(
                path: "c.yaml",
                text: """
                    version: slo/v1
                    service: shop
                    window: \(window)
                    slos:
                      - name: availability
                        objective: 99.9
                        sli:
                          groupBy: [region]
                          errors: http_requests_total{job="shop",code=~"5.."}
                          total: http_requests_total{job="shop"}
                    \(sla)
                    """)
        ])
        precondition(!checked.hasErrors, "\(checked.diagnostics.map(\.message))")
        return checked.models[0]
    }

    static let sla = """
        sla:
          title: Shop SLA
          period: quarter
          commitments: [{slo: availability, objective: 99.5}]
          credits: [{below: 99.5, credit: 10%}, {below: 95, credit: 100%}]
          exclusions: [Scheduled maintenance.]
        """

    @Test func aRollingSLOWithoutSLAHasNone() {
        let groups = planServiceRuleGroups(Self.service(window: "30d"))
        #expect(groups.map(\.name) == ["slo-shop-availability"])
    }

    @Test func aCalendarSLOsBudgetAndExhaustedAlertMoveToItsCalendarGroup() throws {
        let groups = planServiceRuleGroups(Self.service(window: "month"))
        #expect(groups.map(\.name) == ["slo-shop-availability", "slo-shop-availability-calendar"])
        let names = { (group: RuleGroupPlan) in
            group.rules.map { rule -> String in
                switch rule {
                case .record(let record): record.record
                case .alert(let alert): alert.alert
                }
            }
        }
        #expect(!names(groups[0]).contains(SeriesNames.budgetRemaining))
        #expect(!names(groups[0]).contains("ShopAvailabilityBudgetExhausted"))
        // The levels the calendar group reads are recorded.
        #expect(names(groups[0]).contains(SeriesNames.errorsIncrease(.days(1))))
        #expect(
            names(groups[1]) == [
                SeriesNames.periodLength, SeriesNames.periodElapsed, SeriesNames.errorsToDate, SeriesNames.totalToDate,
                SeriesNames.errorRatioToDate, SeriesNames.budgetRemaining, "ShopAvailabilityBudgetExhausted",
            ])
        #expect(groups[1].interval == .minutes(5))
    }

    @Test func anSLACommitmentAddsItsPeriodAndTheAtRiskAlert() throws {
        let service = Self.service(window: "month", sla: Self.sla)
        let calendar = try #require(planServiceRuleGroups(service).last)
        let periods = Set(
            calendar.rules.compactMap { rule -> String? in
                if case .record(let record) = rule { return record.labels[ReservedLabels.period] }
                return nil
            })
        #expect(periods == ["month", "quarter"])
        let alert = try #require(
            calendar.rules.compactMap { rule -> AlertingRulePlan? in
                if case .alert(let alert) = rule, alert.alert == "ShopAvailabilitySLAAtRisk" { return alert }
                return nil
            }.first)
        #expect(alert.expr.hasSuffix("< 99.5"))
        #expect(alert.labels[ReservedLabels.severity] == "sla-at-risk")
        let description = try #require(alert.annotations["description"])
        // Go templates compare floats with floats: every bound is written with a decimal point.
        #expect(description.contains("lt $value 95.0"))
        #expect(description.contains("ge $value 99.5"))
        // The breach time is read for the alert's own group.
        #expect(description.contains(",region=%q") && description.contains("$labels.region"))
    }

    @Test(arguments: CalendarPeriod.allCases)
    func everyExpressionParses(period: CalendarPeriod) throws {
        // An SLA period is a month, quarter or year.
        let slaPeriod = period == .week ? "month" : period.rawValue
        let service = Self.service(
            window: period.rawValue, sla: Self.sla.replacingAll("period: quarter", with: "period: \(slaPeriod)"))
        let calendar = try #require(planServiceRuleGroups(service).last)
        for rule in calendar.rules {
            let expr: String
            switch rule {
            case .record(let record): expr = record.expr
            case .alert(let alert): expr = alert.expr
            }
            #expect(throws: Never.self, "\(expr)") { try PromQLParser.parse(expr) }
        }
    }

    @Test func theTestPeriodsAreTheRealOnes() {
        // A 91-day quarter for the boundary, the ISO week that starts on Monday 1970-01-05.
        #expect(CalendarFireTests.instance(.quarter, boundary: true) == (90 * 86400, 91 * 86400))
        #expect(CalendarFireTests.instance(.week, boundary: true) == (4 * 86400, 7 * 86400))
        #expect(CalendarFireTests.instance(.month, boundary: true) == (0, 31 * 86400))
    }
}
