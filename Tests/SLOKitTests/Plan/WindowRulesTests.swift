import Testing

@testable import SLOKit

/// The window rules as text: tiles guarded by the presence template, levels, and the order of the
/// group (every rule after the rules it reads; the evaluation interval that makes tiles exact).
@Suite struct WindowRulesTests {
    static let slo = PlanModels.availability()
    static let own = "{slo_service=\"shop\",slo_name=\"availability\"}"

    static func recordings(_ slo: SLOModel = slo) -> [RecordingRulePlan] {
        planRuleGroup(slo).rules.compactMap { rule in
            if case .record(let record) = rule { return record }
            return nil
        }
    }

    /// Two hours: the 1h level now and an hour ago, each falling back to the template's zero.
    @Test func aWindowSumsItsChunksOverItsChunks() {
        let text = RuleExpressions.recordingText(RuleExpressions.errorRatio(Self.slo, window: .hours(2)))
        let errors = "slo:sli_errors:increase1h\(Self.own)"
        let total = "slo:sli_total:increase1h\(Self.own)"
        let zero = "slo:sli_template:zero\(Self.own)"
        #expect(
            text == """
                (
                  (\(errors) or \(zero)) +
                  (\(errors) offset 1h or \(zero))
                )
                /
                (
                  (
                    (\(total) or \(zero)) +
                    (\(total) offset 1h or \(zero))
                  ) > 0
                )

                """)
    }

    @Test func aOneChunkWindowStaysOnOneLine() {
        let text = RuleExpressions.recordingText(RuleExpressions.errorRatio(Self.slo, window: .hours(6)))
        #expect(!text.contains("\n"))
        #expect(text.hasPrefix("(slo:sli_errors:increase6h\(Self.own) or slo:sli_template:zero\(Self.own)) / ("))
    }

    /// The 1h level turns twelve rates (per second) into events; higher levels add events.
    @Test func levelsCountEvents() {
        let hour = RuleExpressions.recordingText(RuleExpressions.level(Self.slo, size: .hours(1), side: .errors))
        #expect(hour.hasPrefix("300 * (\n  (slo:sli_errors:rate5m\(Self.own) or "))
        #expect(hour.contains("offset 55m or") && !hour.contains("offset 1h"))
        let week = RuleExpressions.recordingText(RuleExpressions.level(Self.slo, size: .days(7), side: .total))
        #expect(week.hasPrefix("(slo:sli_total:increase1d\(Self.own) or "))
        #expect(week.contains("offset 6d or") && !week.contains("300"))
    }

    /// A window mixing levels with 5-minute rates scales the rates to events.
    @Test func mixedWindowsScaleTheirRates() {
        let text = RuleExpressions.recordingText(RuleExpressions.errorRatio(Self.slo, window: .minutes(65)))
        #expect(text.contains("300 * (slo:sli_errors:rate5m\(Self.own) offset 1h or "))
    }

    @Test func thePresenceTemplateIsZeroWhileTrafficWasRecordedWithinTheHour() {
        #expect(
            RuleExpressions.text(RuleExpressions.presenceTemplate(Self.slo))
                == "0 * last_over_time(slo:sli_total:rate5m\(Self.own)[1h])")
    }

    /// Each rule comes after every rule it reads (Prometheus evaluates a group top to bottom).
    @Test func everyRuleFollowsWhatItReads() {
        let names = Self.recordings().map(\.record)
        #expect(
            Array(names.prefix(12)) == [
                "slo:sli_total:rate5m", "slo:sli_errors:rate5m", "slo:sli_error:ratio_rate5m", "slo:sli_template:zero",
                "slo:sli_errors:increase1h", "slo:sli_total:increase1h", "slo:sli_errors:increase6h",
                "slo:sli_total:increase6h", "slo:sli_errors:increase1d", "slo:sli_total:increase1d",
                "slo:sli_errors:increase7d", "slo:sli_total:increase7d",
            ])
        for (index, rule) in Self.recordings().enumerated() {
            for later in names[(index + 1)...] {
                #expect(!rule.expr.contains(later + "{"), "\(rule.record) reads \(later), recorded after it")
            }
        }
    }

    /// Tiles are exact when the evaluation interval divides 5 minutes; the group says so itself.
    @Test func theGroupIsEvaluatedEveryMinute() {
        #expect(planRuleGroup(Self.slo).interval == .minutes(1))
        let text = renderRuleFile(RuleFilePlan(groups: [planRuleGroup(Self.slo)]), source: "x")
        #expect(text.contains("- name: slo-shop-availability\n  interval: 1m\n  rules:\n"))
    }

    /// A 6-day SLO never reads a week (its longest window is 6 days): no 7d level.
    @Test func onlyTheLevelsTheWindowsReadAreRecorded() {
        let names = Self.recordings(PlanModels.availability(window: "6d")).map(\.record)
        #expect(names.contains("slo:sli_errors:increase1d") && !names.contains("slo:sli_errors:increase7d"))
    }
}
