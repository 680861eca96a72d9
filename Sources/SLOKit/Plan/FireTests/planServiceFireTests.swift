/// How the fire-tests feed each SLO: raw metrics synthesised from its selectors, or recorded series.
public struct FireTestStats: Sendable {
    public var fromRawMetrics = 0
    public var fromRecordings = 0

    public init() {}
}

/// One service's fire-test file: each SLO's scenarios, merged into shared promtool test groups
/// where they cannot disturb each other, with a note per SLO on how it is fed.
func planServiceFireTests(
    _ service: ServiceModel, schedules: SimulationCache, stats: inout FireTestStats
) -> (plan: RuleTestFilePlan, notes: [String]) {
    var notes: [String] = []
    var keyed: [FireTestContribution] = []
    for slo in service.slos {
        let planner = FireTestPlanner(slo: slo, schedules: schedules)
        let how =
            planner.isRaw
            ? "from raw metrics synthesised from its selectors"
            : "from its first recorded series (slo:sli_errors:rate5m, slo:sli_total:rate5m): its SLI is not a plain selector, so raw input cannot be synthesised"
        if planner.isRaw { stats.fromRawMetrics += 1 } else { stats.fromRecordings += 1 }
        var note = "SLO \(slo.name): tested \(how)."
        let (planned, implied) = planner.planWithImplied()
        if !implied.isEmpty {
            note +=
                " Not observable on their own (another pair of the same tier always fires with them): "
                + implied.map { "\($0.short)/\($0.long) ×\(NumberFormat.clean($0.factor))" }.joined(separator: ", ")
                + "."
        }
        notes.append(note)
        // Once per SLO: the selectors are parsed PromQL.
        let names = planner.alertNames
        let selectors = planner.rawSelectors
        for (key, group) in planned {
            var labelled = group
            labelled.comment = "[\(slo.name)] " + group.comment
            keyed.append(FireTestContribution(key: key, names: names, selectors: selectors, group: labelled))
        }
    }
    return (RuleTestFilePlan(ruleFile: "rules.yml", groups: mergeFireTestGroups(keyed)), notes)
}

/// One SLO's scenario of one kind, with what it would disturb in a shared test group.
struct FireTestContribution {
    var key: String
    var names: Set<String>
    var selectors: [PromQLVectorSelector]
    var group: RuleTestGroupPlan
    /// The group's input series, collected once: every pair of contributions compares them.
    let series: Set<String>

    init(key: String, names: Set<String>, selectors: [PromQLVectorSelector], group: RuleTestGroupPlan) {
        self.key = key
        self.names = names
        self.selectors = selectors
        self.group = group
        series = Set(group.inputSeries.map(\.series))
    }

    /// Whether the two would see each other's input series or alerts.
    func interferes(with other: FireTestContribution) -> Bool {
        if !names.isDisjoint(with: other.names) { return true }
        func feeds(_ series: [InputSeriesPlan], _ selectors: [PromQLVectorSelector]) -> Bool {
            series.contains { input in selectors.contains { Self.selects($0, input) } }
        }
        return feeds(group.inputSeries, other.selectors) || feeds(other.group.inputSeries, selectors)
            || !series.isDisjoint(with: other.series)
    }

    /// Whether a selector would select a series; undecidable regexes count as a match.
    static func selects(_ selector: PromQLVectorSelector, _ input: InputSeriesPlan) -> Bool {
        if let name = selector.name, name != input.metric { return false }
        var labels = input.labels
        labels["__name__"] = input.metric
        return selector.matchers.allSatisfy { LabelSolver.matches($0, labels[$0.name] ?? "") ?? true }
    }
}

/// Runs the same kind of scenario for several SLOs in one promtool test group (every group
/// evaluates every rule of the file, so sharing keeps the cost linear), unless they interfere.
func mergeFireTestGroups(_ keyed: [FireTestContribution]) -> [RuleTestGroupPlan] {
    var order: [String] = []
    var bins: [String: [[FireTestContribution]]] = [:]
    for item in keyed {
        if bins[item.key] == nil { order.append(item.key) }
        if let index = bins[item.key, default: []].firstIndex(where: { bin in
            !bin.contains { $0.interferes(with: item) }
        }) {
            bins[item.key]![index].append(item)
        } else {
            bins[item.key, default: []].append([item])
        }
    }
    return order.flatMap { key in
        bins[key]!.map { bin in
            var group = bin[0].group
            for item in bin.dropFirst() {
                group.comment += "\n" + item.group.comment
                group.inputSeries += item.group.inputSeries
                group.alertChecks += item.group.alertChecks
                group.exprChecks += item.group.exprChecks
            }
            return group
        }
    }
}
