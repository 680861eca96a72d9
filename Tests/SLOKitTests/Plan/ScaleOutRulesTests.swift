import Testing

@testable import SLOKit

/// The scale-out layouts as data: what each rule of the flat layout (vmalert, Thanos Ruler) may
/// read, and which rules each side of the Thanos split holds.
@Suite struct ScaleOutRulesTests {
    static let slos = [
        PlanModels.availability(),
        PlanModels.availability(window: "28d"),
        PlanModels.availability(window: "7d"),
    ]

    static func expressions(_ group: RuleGroupPlan) -> [(name: String, expr: PromQLExpr)] {
        group.rules.map { rule in
            let text: String
            switch rule {
            case .record(let record): text = record.expr
            case .alert(let alert): text = alert.expr
            }
            return (rule.name, try! PromQLParser.parse(text))
        }
    }

    /// vmalert writes a round's recordings after the round: in the flat layout no rule reads a
    /// recording of its own group at the evaluation time itself (every read has an offset), so
    /// no result depends on which of this round's recordings have reached storage.
    @Test func flatRulesNeverReadARecordingOfTheirOwnRound() throws {
        for slo in Self.slos {
            let group = planRuleGroup(slo, layout: .flat)
            let recorded = Set(
                group.rules.compactMap { rule -> String? in
                    if case .record(let record) = rule { return record.record }
                    return nil
                })
            var offsetReads = 0
            for (name, expr) in Self.expressions(group) {
                for reference in expr.selectors {
                    guard let metric = reference.metricName, recorded.contains(metric) else { continue }
                    let offset = reference.selector.offset?.milliseconds ?? 0
                    #expect(offset > 0, "\(name) reads \(metric) of its own round (\(slo.window.length))")
                    offsetReads += 1
                }
            }
            #expect(offsetReads > 50)
            // The chained layout does read this round's recordings: the check can fail.
            let chained = Self.expressions(planRuleGroup(slo)).flatMap { $0.expr.selectors }
            #expect(chained.contains { $0.metricName.map(recorded.contains) == true && $0.selector.offset == nil })
        }
    }

    /// Pages on each Prometheus, tickets and the budget on Thanos Ruler; each series recorded once.
    @Test func theThanosSplitRecordsEverySeriesOnceAndPagesLocally() {
        for slo in Self.slos {
            let local = planRuleGroup(slo, layout: .chained, part: .local)
            let global = planRuleGroup(slo, layout: .flat, part: .global)
            let whole = planRuleGroup(slo)
            let localRecords = local.rules.filter { if case .record = $0 { true } else { false } }.map(\.name)
            let globalRecords = global.rules.filter { if case .record = $0 { true } else { false } }.map(\.name)
            #expect(Set(localRecords).isDisjoint(with: globalRecords))
            // Every window, burn rate and budget series of the whole group; levels only as the
            // flat windows need them (a flat 7-day window is built from days, not a 7-day level).
            let wholeRecords = whole.rules.filter { if case .record = $0 { true } else { false } }.map(\.name)
            #expect(Set(wholeRecords.filter { !$0.contains(":increase") }).isSubset(of: localRecords + globalRecords))
            let localTiers = local.rules.compactMap { if case .alert(let a) = $0 { a.tier } else { nil } }
            let globalTiers = global.rules.compactMap { if case .alert(let a) = $0 { a.tier } else { nil } }
            #expect(localTiers == [.page] && globalTiers == [.ticket])
            // The local side needs nothing from the ruler: every recording it reads is its own.
            let localSet = Set(localRecords)
            for (name, expr) in Self.expressions(local) {
                for metric in expr.metricNames where metric.hasPrefix("slo:") {
                    #expect(localSet.contains(metric), "\(name) reads \(metric), recorded on Thanos Ruler")
                }
            }
        }
    }

    /// Every engine key only where its engine reads it, and only when set.
    @Test func groupSettingsGoOnlyToTheEnginesThatReadThem() {
        var settings = RuleGroupSettings()
        let group = planRuleGroup(Self.slos[0])
        #expect(settings.apply(to: group, .prometheus).options == RuleGroupOptions())
        settings.interval = .minutes(5)
        settings.limit = 10
        settings.queryOffset = .minutes(1)
        settings.labels = ["cluster": "eu"]
        settings.sourceTenants = ["a", "b"]
        let prometheus = settings.apply(to: group, .prometheus)
        #expect(prometheus.interval == .minutes(5) && prometheus.options.sourceTenants.isEmpty)
        #expect(
            prometheus.options.partialResponseStrategy == nil && prometheus.options.queryOffsetKey == "query_offset")
        #expect(settings.apply(to: group, .mimir).options.sourceTenants == ["a", "b"])
        #expect(settings.apply(to: group, .thanosRuler).options.partialResponseStrategy == "abort")
        #expect(settings.apply(to: group, .vmalert).options.queryOffsetKey == "eval_delay")
        let text = renderRulerNamespace(
            RuleFilePlan(groups: [settings.apply(to: group, .mimir)]), namespace: "slo-shop", source: "test")
        #expect(
            text.contains(
                "namespace: slo-shop\ngroups:\n- name: slo-shop-availability\n  interval: 5m\n  limit: 10\n  query_offset: 1m\n  labels:\n    cluster: eu\n  source_tenants:\n  - a\n  - b\n  rules:\n"
            ))
    }
}
