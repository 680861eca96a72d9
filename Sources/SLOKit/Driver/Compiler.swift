/// The whole pipeline for `slo compile`: sources in, output files and diagnostics out.
public struct Compiler: Sendable {
    public enum RuleFormat: String, Sendable, Hashable, CaseIterable {
        case prometheus
        case prometheusOperator = "prometheus-operator"
    }

    public struct Options: Sendable {
        /// Formats to write; nil writes `prometheus`, plus `prometheus-operator` for services from a
        /// Sloth `PrometheusServiceLevel` (whose own output is a `PrometheusRule` with its metadata).
        public var formats: Set<RuleFormat>?
        public var frontEnd = SpecFrontEnd()

        public init() {}
    }

    /// A file to write, relative to the output folder.
    public struct OutputFile: Sendable, Hashable {
        public var path: String
        public var contents: String
    }

    public struct Result: Sendable {
        /// Empty whenever there is an error: a failed compile writes nothing.
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        public var sloCount: Int
        public var fireTests: FireTestStats

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func compile(_ sources: [SourceFile]) -> Result {
        let front = options.frontEnd.check(sources)
        var diagnostics = front.diagnostics
        var models: [ServiceModel] = []
        for spec in front.services {
            let (model, modelDiagnostics) = resolveModel(spec)
            models.append(model)
            diagnostics += modelDiagnostics
        }
        diagnostics.sort()
        let sloCount = models.reduce(0) { $0 + $1.slos.count }
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return Result(files: [], diagnostics: diagnostics, sloCount: sloCount, fireTests: FireTestStats())
        }
        var files: [OutputFile] = []
        var stats = FireTestStats()
        for service in models.sorted(by: { $0.name < $1.name }) {
            let plan = RuleFilePlan(groups: service.slos.map(planRuleGroup))
            let formats =
                options.formats
                ?? (service.kubernetesMetadata == nil ? [.prometheus] : [.prometheus, .prometheusOperator])
            if formats.contains(.prometheus) {
                files.append(
                    OutputFile(
                        path: "\(service.name)/rules.yml", contents: renderRuleFile(plan, source: ruleSource(service))))
                files.append(
                    OutputFile(path: "\(service.name)/rules.test.yml", contents: fireTests(service, stats: &stats)))
            }
            if formats.contains(.prometheusOperator) {
                files.append(
                    OutputFile(
                        path: "\(service.name)/prometheusrule.yml",
                        contents: renderPrometheusRule(plan, service: service)))
            }
            if let sla = service.sla {
                let outline = planSLADocument(sla, service: service)
                files.append(OutputFile(path: "\(service.name)/SLA.md", contents: renderMarkdown(outline)))
                files.append(OutputFile(path: "\(service.name)/SLA.html", contents: renderHTML(outline)))
            }
            files.append(OutputFile(path: "\(service.name)/BUDGET.md", contents: renderBudgetPlan(service)))
        }
        files.append(
            OutputFile(path: "ALERTS.md", contents: renderAlertCatalog(planAlertCatalog(models), services: models)))
        files.append(
            OutputFile(path: "index.md", contents: renderDocumentIndex(services: models, paths: files.map(\.path))))
        return Result(files: files, diagnostics: diagnostics, sloCount: sloCount, fireTests: stats)
    }

    /// How the fire-tests feed each SLO: raw metrics synthesised from its selectors, or recorded series.
    public struct FireTestStats: Sendable {
        public var fromRawMetrics = 0
        public var fromRecordings = 0
    }

    private func fireTests(_ service: ServiceModel, stats: inout FireTestStats) -> String {
        var notes: [String] = []
        var keyed: [FireTestContribution] = []
        for slo in service.slos {
            let planner = FireTestPlanner(slo: slo)
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
            for (key, group) in planned {
                var labelled = group
                labelled.comment = "[\(slo.name)] " + group.comment
                keyed.append(
                    FireTestContribution(
                        key: key, names: planner.alertNames, selectors: planner.rawSelectors, group: labelled))
            }
        }
        return renderRuleTests(
            RuleTestFilePlan(ruleFile: "rules.yml", groups: mergeFireTestGroups(keyed)), source: service.file,
            notes: notes)
    }
}

/// One SLO's scenario of one kind, with what it would disturb in a shared test group.
struct FireTestContribution {
    var key: String
    var names: Set<String>
    var selectors: [PromQLVectorSelector]
    var group: RuleTestGroupPlan

    /// Whether the two would see each other's input series or alerts.
    func interferes(with other: FireTestContribution) -> Bool {
        if !names.isDisjoint(with: other.names) { return true }
        func feeds(_ series: [InputSeriesPlan], _ selectors: [PromQLVectorSelector]) -> Bool {
            series.contains { input in selectors.contains { Self.selects($0, input) } }
        }
        return feeds(group.inputSeries, other.selectors) || feeds(other.group.inputSeries, selectors)
            || !Set(group.inputSeries.map(\.series)).isDisjoint(with: other.group.inputSeries.map(\.series))
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
