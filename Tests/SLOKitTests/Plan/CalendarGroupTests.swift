import Foundation
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
                SeriesNames.errorsDayTile, SeriesNames.totalDayTile, SeriesNames.errorsHourTile,
                SeriesNames.totalHourTile, SeriesNames.periodLength, SeriesNames.periodElapsed,
                SeriesNames.errorsToDate, SeriesNames.totalToDate,
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

    static func expressions(_ group: RuleGroupPlan) -> [(name: String, expr: PromQLExpr)] {
        group.rules.map { rule in
            switch rule {
            case .record(let record): (record.record, try! PromQLParser.parse(record.expr))
            case .alert(let alert): (alert.alert, try! PromQLParser.parse(alert.expr))
            }
        }
    }

    static func recorded(_ group: RuleGroupPlan) -> Set<String> {
        Set(group.rules.compactMap { if case .record(let record) = $0 { record.record } else { nil } })
    }

    /// The fire-test harness runs `rules.test.yml` without the calendar groups (promtool would
    /// evaluate them at every step for nothing those scenarios check): that is sound only while
    /// no SLO group reads a series a calendar group records.
    @Test(arguments: CalendarPeriod.allCases)
    func noSLOGroupReadsWhatACalendarGroupRecords(period: CalendarPeriod) throws {
        let slaPeriod = period == .week ? "month" : period.rawValue
        let service = Self.service(
            window: period.rawValue, sla: Self.sla.replacingAll("period: quarter", with: "period: \(slaPeriod)"))
        for layout in [WindowPlan.Layout.chained, .flat] {
            let groups = planServiceRuleGroups(service, layout: layout)
            let calendar = try #require(groups.last)
            let calendarRecords = Self.recorded(calendar)
            #expect(calendarRecords.count >= 10)
            for group in groups.dropLast() {
                #expect(Self.recorded(group).isDisjoint(with: calendarRecords))
                for (name, expr) in Self.expressions(group) {
                    let read = Set(expr.metricNames).intersection(calendarRecords)
                    #expect(read.isEmpty, "\(name) reads \(read)")
                }
            }
        }
    }

    /// vmalert and Thanos Ruler store a round's recordings after the round: in the flat layout no
    /// calendar rule reads a recording of its own group without an offset (the tiles are read
    /// 30 minutes or 12 hours back), while the chained layout does (so the check can fail).
    @Test func flatCalendarRulesNeverReadTheirOwnRound() throws {
        let service = Self.service(window: "month", sla: Self.sla)
        for layout in [WindowPlan.Layout.flat, .chained] {
            let calendar = try #require(planServiceRuleGroups(service, layout: layout).last)
            let recorded = Self.recorded(calendar)
            var sameRound: [String] = []
            var offsetReads = 0
            for (name, expr) in Self.expressions(calendar) {
                for reference in expr.selectors {
                    guard let metric = reference.metricName, recorded.contains(metric) else { continue }
                    if (reference.selector.offset?.milliseconds ?? 0) > 0 {
                        offsetReads += 1
                    } else {
                        sameRound.append("\(name) reads \(metric)")
                    }
                }
            }
            #expect(offsetReads >= 8)
            if layout == .flat {
                #expect(sameRound.isEmpty, "\(sameRound)")
            } else {
                #expect(!sameRound.isEmpty)
            }
        }
    }

    /// `slo:period_elapsed:seconds` and `slo:period_length:seconds` are PromQL date arithmetic:
    /// the same arithmetic in Swift (PromQL's functions rebuilt over Foundation's UTC calendar)
    /// agrees with Foundation's own period starts and lengths at every midnight and noon from
    /// 2023 to 2028 (leap years, 91- and 92-day quarters, ISO weeks across a new year).
    @Test(arguments: CalendarPeriod.allCases)
    func elapsedAndLengthAreTheCalendars(period: CalendarPeriod) throws {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let rules = CalendarRules(slo: Self.service(window: "30d").slos[0], period: period)
        let start = calendar.date(from: DateComponents(year: 2023, month: 1, day: 1))!
        let end = calendar.date(from: DateComponents(year: 2028, month: 12, day: 31))!
        var time = start
        while time < end {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: time)
            let expected: DateInterval
            switch period {
            case .week: expected = try #require(calendar.dateInterval(of: .weekOfYear, for: time))
            case .month: expected = try #require(calendar.dateInterval(of: .month, for: time))
            case .year: expected = try #require(calendar.dateInterval(of: .year, for: time))
            case .quarter:
                let first = (parts.month! - 1) / 3 * 3 + 1
                let from = calendar.date(from: DateComponents(year: parts.year!, month: first, day: 1))!
                expected = DateInterval(start: from, end: calendar.date(byAdding: .month, value: 3, to: from)!)
            }
            let year = parts.year!
            let month = Double(parts.month!)
            let dayOfYear = Double(calendar.ordinality(of: .day, in: .year, for: time)!)
            let dayOfWeek = Double((parts.weekday! + 6) % 7)  // PromQL: Sunday is 0
            let leap: Double = (year % 4 == 0 ? 1 : 0) - (year % 100 == 0 ? 1 : 0) + (year % 400 == 0 ? 1 : 0)
            let quarter = (month / 3).rounded(.up)
            let daysInMonth = Double(calendar.range(of: .day, in: .month, for: time)!.count)
            let secondsToday = time.timeIntervalSince1970.truncatingRemainder(dividingBy: 86400)
            let days: Double
            let length: Double
            switch period {
            case .week:
                days = Double((Int(dayOfWeek) + 6) % 7)
                length = 7
            case .month:
                days = Double(parts.day! - 1)
                length = daysInMonth
            case .quarter:
                days =
                    dayOfYear - 1 - (quarter >= 2 ? 90 + leap : 0) - (quarter >= 3 ? 91 : 0) - (quarter >= 4 ? 92 : 0)
                length = 92 - (quarter <= 2 ? 1 : 0) - (quarter == 1 ? 1 : 0) * (1 - leap)
            case .year:
                days = dayOfYear - 1
                length = 365 + leap
            }
            #expect(
                86400 * days + secondsToday == time.timeIntervalSince(expected.start),
                "\(period) elapsed at \(time)")
            #expect(length * 86400 == expected.duration, "\(period) length at \(time)")
            time += 12 * 3600
        }
        // The Swift arithmetic above is the rules' own: the same terms in the same order.
        switch period {
        case .quarter:
            #expect(rules.elapsed.contains("(ceil(month() / 3) >= bool 2) * (90 + ((year() % 4 == bool 0)"))
            #expect(rules.length.contains("(92 - (ceil(month() / 3) <= bool 2) - (ceil(month() / 3) == bool 1)"))
        case .week: #expect(rules.elapsed == "86400 * ((day_of_week() + 6) % 7) + time() % 86400")
        case .month: #expect(rules.elapsed == "86400 * (day_of_month() - 1) + time() % 86400")
        case .year: #expect(rules.elapsed == "86400 * (day_of_year() - 1) + time() % 86400")
        }
    }

    @Test func theTestPeriodsAreTheRealOnes() {
        // A 91-day quarter for the boundary, the ISO week that starts on Monday 1970-01-05.
        #expect(CalendarFireTests.instance(.quarter, boundary: true) == (90 * 86400, 91 * 86400))
        #expect(CalendarFireTests.instance(.week, boundary: true) == (4 * 86400, 7 * 86400))
        #expect(CalendarFireTests.instance(.month, boundary: true) == (0, 31 * 86400))
    }
}
