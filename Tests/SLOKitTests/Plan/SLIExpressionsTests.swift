import Testing

@testable import SLOKit

/// The PromQL that reads raw series, and the pieces it is built from.
@Suite struct SLIExpressionsTests {
    /// Prometheus 2 prints bucket bounds as `1`, Prometheus 3 as `1.0`: both must match.
    @Test func bucketBoundsMatchBothPrometheusSpellings() {
        #expect(SLIExpressions.leAlternatives(0.3) == "0\\\\.3")
        #expect(SLIExpressions.leAlternatives(1) == "1|1\\\\.0")
        #expect(SLIExpressions.leAlternatives(2.5) == "2\\\\.5")
    }

    @Test func selectorsAddMatchersOnlyWhenThereAreAny() {
        #expect(SLIExpressions.selector("up", "") == "up")
        #expect(SLIExpressions.selector("x_bucket", "", extra: "le=~\"1\"") == "x_bucket{le=~\"1\"}")
        #expect(SLIExpressions.selector("x_count", "job=\"a\"", extra: "le=\"1\"") == "x_count{job=\"a\",le=\"1\"}")
    }

    @Test func templatesGetTheirWindowAndLoseOuterWhitespace() {
        let template = "  sum(rate(x[{{.window}}])) / sum(rate(y[{{.window}}]))\n"
        #expect(SLIExpressions.instantiate(template, window: "1h") == "sum(rate(x[1h])) / sum(rate(y[1h]))")
    }

    @Test func aSliceIsGoodWhenItsConditionHolds() {
        let condition = SliceCondition(op: .less, value: 1000)
        #expect(SLIExpressions.sliceIsGood(" max(lag) ", condition) == "(max(lag)) < bool 1000")
    }

    /// Errors over total: no error series yet is zero errors with the total's labels, not no data.
    @Test func errorSelectorsRecordRatesAndAZeroFallback() {
        let slo = PlanModels.availability()
        let recordings = SLIExpressions(slo: slo, own: SeriesSelector(slo: slo), window: .minutes(5)).baseRecordings()
        #expect(recordings.map(\.0) == [SeriesNames.totalRate, SeriesNames.errorsRate])
        #expect(recordings[0].1 == "sum(rate(http_requests_total{job=\"shop\"}[5m]))")
        #expect(
            recordings[1].1
                == "(sum(rate(http_requests_total{job=\"shop\",code=~\"5..\"}[5m]))) or on() (0 * (sum(rate(http_requests_total{job=\"shop\"}[5m]))))"
        )
    }

    /// Grouped SLOs keep their labels through every aggregation and join on them.
    @Test func groupedSLOsAggregateAndJoinByTheirLabels() {
        let slo = PlanModels.slo(
            """
            version: slo/v1
            service: shop
            slos:
              - name: availability
                objective: 99
                sli:
                  good: http_requests_total{code!~"5.."}
                  total: http_requests_total
                  groupBy: [route]
            """)
        let recordings = SLIExpressions(slo: slo, own: SeriesSelector(slo: slo), window: .minutes(5)).baseRecordings()
        #expect(recordings[0].1 == "sum by (route) (rate(http_requests_total[5m]))")
        #expect(recordings[1].1.contains("- on(route) ("), "\(recordings[1].1)")
    }
}

/// Budget arithmetic the documents print.
@Suite struct BudgetMathTests {
    @Test func allowedDowntimeOfCommonObjectives() {
        #expect(abs(BudgetMath.allowedDowntimeSeconds(objectivePercent: 99.9, days: 30) - 2592) < 1e-9)
        #expect(abs(BudgetMath.allowedDowntimeSeconds(objectivePercent: 99.99, days: 30) - 259.2) < 1e-9)
    }

    @Test func theCreditIsTheTightestTierStillAboveTheAchievedLevel() {
        let tiers = [
            BudgetMath.CreditTier(belowPercent: 99.5, creditPercent: 10),
            BudgetMath.CreditTier(belowPercent: 99, creditPercent: 25),
        ]
        #expect(BudgetMath.credit(achievedPercent: 99.5, tiers: tiers) == nil, "bounds are strict")
        #expect(BudgetMath.credit(achievedPercent: 99.2, tiers: tiers)?.creditPercent == 10)
        #expect(BudgetMath.credit(achievedPercent: 98, tiers: tiers)?.creditPercent == 25)
    }

    /// A full outage reaches factor × budget in the long window after that share of it, plus the
    /// rules' lag; a threshold of 100% errors or more is never reached.
    @Test func fullOutageDetection() {
        let page = BurnRateWindow(short: .minutes(5), long: .hours(1), budgetShare: 0.02, factor: 14.4)
        let seconds = BudgetMath.fullOutageDetectionSeconds(page, errorBudget: 0.001) ?? 0
        #expect(abs(seconds - (51.84 + 300)) < 1e-9)
        #expect(BudgetMath.fullOutageDetectionSeconds(page, errorBudget: 0.1) == nil)
    }
}

/// What a report measures for one SLO.
@Suite struct SLOReportPlanTests {
    @Test func rollingWindowsMapToTheNearestCalendarPeriod() {
        #expect(SLOReportPlan.calendarPeriod(near: .days(7)) == .week)
        #expect(SLOReportPlan.calendarPeriod(near: .days(28)) == .month)
        #expect(SLOReportPlan.calendarPeriod(near: .days(90)) == .quarter)
        #expect(SLOReportPlan.calendarPeriod(near: .days(365)) == .year)
    }

    /// 2026-03-10T12:00:00Z: the SLA month so far, and all of February.
    @Test func slaSpansAreThePeriodSoFarAndTheWholeOneBefore() throws {
        let at = try #require(UTCTime.parse("2026-03-10T12:00:00Z"))
        let spans = SLOReportPlan.slaSpans(.month, at: at)
        #expect(spans.current == ReportSpan(start: try #require(UTCTime.parse("2026-03-01T00:00:00Z")), end: at))
        #expect(spans.previous.seconds == 28 * 86_400)
    }

    /// Every query the report sends for a rolling event SLO, each once.
    @Test func jobsAreUniqueAndEndAtTheReportedInstant() throws {
        let at = try #require(UTCTime.parse("2026-03-10T12:00:00Z"))
        let plan = ReportRunPlan([try Self.service()], at: at, mode: nil)
        let jobs = plan.jobs
        #expect(Set(jobs).count == jobs.count)
        for job in jobs {
            switch job.kind {
            case .instant(let time): #expect(time <= at)
            case .range(_, let end, _), .labelValues(_, _, let end): #expect(end == at)
            }
        }
    }

    static func service() throws -> ServiceModel {
        let checked = Compiler().check([
            SourceFile(
                path: "r.yaml",
                text: """
                    version: slo/v1
                    service: shop
                    slos:
                      - name: availability
                        objective: 99.9
                        sli:
                          errors: http_requests_total{code=~"5.."}
                          total: http_requests_total
                    """)
        ])
        return try #require(checked.models.first)
    }
}
