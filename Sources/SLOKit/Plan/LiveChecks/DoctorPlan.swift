/// What `slo doctor` asks a live Prometheus about each SLO, and how it judges the answers: the
/// SLI's inputs have data, latency thresholds are bucket bounds, the loaded rules are the compiled
/// ones and run cleanly, the recordings the alerts read are fresh, and (with an Alertmanager) every
/// alert reaches a receiver that sends something. The driver does the I/O; this decides.
struct DoctorPlan: Sendable {
    let models: [ServiceModel]
    let at: Int64
    /// "Has had data for the last day."
    static let lookback: Int64 = 86_400

    /// From the project config: a kind of alert reaching another receiver is a problem.
    let expectedReceivers: AlertmanagerReceivers?

    init(_ models: [ServiceModel], at: Int64, expectedReceivers: AlertmanagerReceivers? = nil) {
        self.models = models
        self.at = at
        self.expectedReceivers = expectedReceivers
    }

    /// A series selector an SLI reads raw, and whether no series at all is a fault: a `total`
    /// must have series, an `errors` selector may match none simply because nothing failed yet.
    struct SelectorInput: Sendable, Hashable {
        var role: String
        var text: String
        var required: Bool
    }

    static func selectorInputs(_ slo: SLOModel) -> [SelectorInput] {
        func input(_ role: String, _ query: EventQuery, required: Bool) -> SelectorInput? {
            guard case .selector(let text) = query else { return nil }
            return SelectorInput(role: role, text: text, required: required)
        }
        switch slo.sli {
        case .errors(let errors, let total):
            return [input("total", total, required: true), input("errors", errors, required: false)].compactMap { $0 }
        case .good(let good, let total):
            return [input("total", total, required: true), input("good", good, required: false)].compactMap { $0 }
        case .latency(let metric, let matchers, _):
            return [
                SelectorInput(
                    role: "histogram", text: SLIExpressions.selector(metric + "_count", matchers), required: true)
            ]
        case .errorRatio, .timeslice: return []
        }
    }

    /// The selector's metric name and matchers, parsed; nil when it is not a plain selector.
    static func parts(_ selector: String) -> (metric: String, matchers: [PromQLLabelMatcher])? {
        guard let expr = try? PromQLParser.parseSyntax(selector), case .vectorSelector(let vector) = expr.kind,
            let metric = vector.metricName
        else { return nil }
        return (metric, vector.matchers.filter { $0.name != "__name__" })
    }

    private func instant(_ query: String) -> ReportJob { ReportJob(query: query, kind: .instant(at)) }

    private static func lastDay(_ selector: String) -> String { "count(last_over_time(\(selector)[1d]))" }

    private static func recordingsQuery(_ slo: SLOModel) -> String {
        "count by (__name__) ({__name__=~\"slo:.+\",\(ReservedLabels.service)=\(PromQLPrinter.quote(slo.service)),\(ReservedLabels.name)=\(PromQLPrinter.quote(slo.name))})"
    }

    static let firingAlertsQuery = "ALERTS{alertstate=\"firing\"}"

    /// Every request the checks need, each once.
    var jobs: [ReportJob] {
        var jobs: [ReportJob] = [instant(Self.firingAlertsQuery)]
        for slo in models.flatMap(\.slos) {
            for input in Self.selectorInputs(slo) {
                jobs += [instant("count(\(input.text))"), instant(Self.lastDay(input.text))]
                if let (metric, matchers) = Self.parts(input.text) {
                    jobs.append(instant("count(\(metric))"))
                    jobs += matchers.map { instant("count(\(metric){\($0)})") }
                }
            }
            if let bucket = HistogramBucketCheck(slo) { jobs.append(bucket.job(start: at - Self.lookback, end: at)) }
            if case .timeslice(let query, _, _) = slo.sli { jobs.append(instant(query)) }
            jobs.append(instant(Self.recordingsQuery(slo)))
        }
        var seen = Set<ReportJob>()
        return jobs.filter { seen.insert($0).inserted }
    }

    /// The live state besides the query answers.
    struct LiveState: Sendable {
        var answers: [ReportJob: ReportAnswer]
        var groups: [LoadedRuleGroup]
        var routing: AlertmanagerRouting?
    }

    func judge(_ live: LiveState, prometheus: String, alertmanager: String?) -> DoctorFindings {
        let loaded = Dictionary(live.groups.map { ($0.name, $0) }) { first, _ in first }
        var compiledGroups = Set<String>()
        var slos: [DoctorSLOChecks] = []
        let firing: [[String: String]] =
            if case .instant(let samples)? = live.answers[instant(Self.firingAlertsQuery)] {
                samples.map(\.labels)
            } else { [] }
        for service in models {
            for slo in service.slos {
                let calendar = planCalendarGroup(slo, commitment: SLACommitmentTerms(slo: slo, sla: service.sla))
                let plan = planRuleGroup(slo, calendarLevels: calendar != nil)
                compiledGroups.insert(plan.name)
                if let calendar { compiledGroups.insert(calendar.name) }
                var checks = dataChecks(slo, live.answers)
                checks += ruleChecks(plan, loaded: loaded[plan.name], file: service.file)
                checks.append(recordingCheck(slo, plan: plan, live.answers))
                if let routing = live.routing {
                    checks.append(routingCheck(slo, plan: plan, routing: routing, firing: firing))
                }
                slos.append(DoctorSLOChecks(service: slo.service, slo: slo.name, file: service.file, checks: checks))
            }
        }
        let ours = Set(models.map(\.name))
        let extra = live.groups.filter { group in
            !compiledGroups.contains(group.name)
                && group.rules.contains { ours.contains($0.labels[ReservedLabels.service] ?? "") }
        }
        let general = extra.map { group in
            DoctorCheck(
                check: "rules-loaded", status: .problem,
                detail:
                    "rule group `\(group.name)` (from \(group.file)) carries SLO series of these specs but no spec compiles to it",
                fix: "remove it from Prometheus's rule files (a deleted or renamed SLO's stale rules)")
        }
        return DoctorFindings(prometheus: prometheus, alertmanager: alertmanager, slos: slos, general: general)
    }

    // MARK: - SLI data

    private func samples(_ answers: [ReportJob: ReportAnswer], _ query: String) -> [PrometheusSample]? {
        guard case .instant(let samples)? = answers[instant(query)] else { return nil }
        return samples
    }

    private func dataChecks(_ slo: SLOModel, _ answers: [ReportJob: ReportAnswer]) -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        for input in Self.selectorInputs(slo) {
            let now = samples(answers, "count(\(input.text))")?.first?.value ?? 0
            let lastDay = samples(answers, Self.lastDay(input.text))?.first?.value ?? 0
            if now > 0 {
                let dayNote = lastDay > 0 ? "" : "; none over the last day before now"
                checks.append(
                    DoctorCheck(
                        check: "sli-data", status: .ok,
                        detail: "\(input.role) `\(input.text)` matches \(NumberFormat.clean(now)) series\(dayNote)"))
                continue
            }
            var why = "matches no series now"
            var fix = "check the exporter and the selector in the spec"
            if lastDay > 0 {
                why += " (it had \(NumberFormat.clean(lastDay)) over the last day: the exporter stopped?)"
            }
            if let (metric, matchers) = Self.parts(input.text) {
                if (samples(answers, "count(\(metric))")?.first?.value ?? 0) == 0 {
                    why += "; no series is named `\(metric)`"
                    fix = "expose `\(metric)`, or rename the metric in the spec to the one the exporter exposes"
                } else if let matcher = matchers.first(where: {
                    (samples(answers, "count(\(metric){\($0)})")?.first?.value ?? 0) == 0
                }) {
                    why += "; `\(metric)` has series, but none with \(matcher)"
                    fix = "change the matcher \(matcher) in the spec to a value the series have"
                }
            }
            checks.append(
                DoctorCheck(
                    check: "sli-data", status: input.required ? .problem : .note,
                    detail: "\(input.role) `\(input.text)` \(why)",
                    fix: input.required ? fix : "fine if nothing has failed yet; otherwise \(fix)"))
        }
        if let bucket = HistogramBucketCheck(slo),
            case .labelValues(let bounds)? = answers[bucket.job(start: at - Self.lookback, end: at)]
        {
            if let problem = bucket.problem(bounds: bounds) {
                checks.append(
                    DoctorCheck(
                        check: "latency-bucket", status: .problem, detail: problem,
                        fix: "set `threshold` to one of the bucket bounds, or add the bucket to the histogram"))
            } else if !bounds.isEmpty {
                checks.append(
                    DoctorCheck(
                        check: "latency-bucket", status: .ok,
                        detail:
                            "a bucket has the threshold \(NumberFormat.clean(bucket.thresholdSeconds))s as its bound"))
            }
        }
        if case .timeslice(let query, _, _) = slo.sli {
            let values = samples(answers, query) ?? []
            checks.append(
                values.isEmpty
                    ? DoctorCheck(
                        check: "timeslice-query", status: .problem, detail: "the timeslice query returns no value now",
                        fix: "run the query in Prometheus and fix the metric or matchers it names")
                    : DoctorCheck(
                        check: "timeslice-query", status: .ok,
                        detail: "the timeslice query returns \(values.count) series"))
        }
        return checks
    }

    // MARK: - Rules

    /// The expression as a tree without the parentheses written around it and with each
    /// selector's matchers sorted, printed canonically: the compiled text and Prometheus's own
    /// printing of it (which sorts matchers) compare equal when they mean the same.
    static func canonical(_ query: String) -> String {
        guard let expr = try? PromQLParser.parseSyntax(query) else { return query }
        func sorted(_ selector: PromQLVectorSelector) -> PromQLVectorSelector {
            var selector = selector
            selector.matchers.sort { ($0.name, $0.op.rawValue, $0.value) < ($1.name, $1.op.rawValue, $1.value) }
            return selector
        }
        let bare = expr.transformed { node in
            var node = node
            switch node.kind {
            case .paren(let inner): return inner
            case .vectorSelector(let selector): node.kind = .vectorSelector(sorted(selector))
            case .matrixSelector(var matrix):
                matrix.selector = sorted(matrix.selector)
                node.kind = .matrixSelector(matrix)
            default: break
            }
            return node
        }
        return PromQLPrinter.print(bare)
    }

    private func ruleChecks(_ plan: RuleGroupPlan, loaded: LoadedRuleGroup?, file: String) -> [DoctorCheck] {
        guard let loaded else {
            return [
                DoctorCheck(
                    check: "rules-loaded", status: .problem, detail: "rule group `\(plan.name)` is not loaded",
                    fix:
                        "add the compiled rules of \(file) to Prometheus's `rule_files` (or apply its PrometheusRule) and reload"
                )
            ]
        }
        var differences: [String] = []
        if loaded.rules.count != plan.rules.count {
            differences.append("\(loaded.rules.count) rules where \(plan.rules.count) are compiled")
        }
        for (index, (compiled, running)) in zip(plan.rules, loaded.rules).enumerated() {
            let (isAlert, name, expr, labels, forSeconds): (Bool, String, String, [String: String], Double) =
                switch compiled {
                case .record(let rule): (false, rule.record, rule.expr, rule.labels, 0)
                case .alert(let rule):
                    (true, rule.alert, rule.expr, rule.labels, Double(rule.forDuration?.milliseconds ?? 0) / 1000)
                }
            var what: [String] = []
            if isAlert != running.isAlert || name != running.name { what.append("name `\(running.name)`") }
            if Self.canonical(expr) != Self.canonical(running.query) { what.append("expression") }
            if labels != running.labels { what.append("labels") }
            if forSeconds != running.forSeconds { what.append("`for`") }
            if !what.isEmpty {
                differences.append("rule \(index + 1) (`\(name)`) differs in its \(what.joined(separator: ", "))")
            }
        }
        var checks: [DoctorCheck] = [
            differences.isEmpty
                ? DoctorCheck(
                    check: "rules-loaded", status: .ok,
                    detail: "group `\(plan.name)` from \(loaded.file) is the compiled one")
                : DoctorCheck(
                    check: "rules-loaded", status: .problem,
                    detail: "group `\(plan.name)` from \(loaded.file) is stale: \(differences.joined(separator: "; "))",
                    fix: "deploy the freshly compiled rules of \(file) to \(loaded.file) and reload Prometheus")
        ]
        var health: [String] = []
        for rule in loaded.rules where rule.health == "err" || rule.lastError != nil {
            health.append("`\(rule.name)` fails: \(rule.lastError ?? "health \(rule.health)")")
        }
        if loaded.intervalSeconds > 0, loaded.evaluationSeconds > loaded.intervalSeconds / 2 {
            health.append(
                "an evaluation takes \(NumberFormat.clean(loaded.evaluationSeconds)) s of its \(NumberFormat.clean(loaded.intervalSeconds)) s interval"
            )
        }
        if loaded.intervalSeconds > 0, let last = loaded.lastEvaluation,
            Double(at - last) > 3 * loaded.intervalSeconds + 60
        {
            health.append(
                "last evaluated \(at - last) s ago with an interval of \(NumberFormat.clean(loaded.intervalSeconds)) s: evaluations are missed"
            )
        }
        checks.append(
            health.isEmpty
                ? DoctorCheck(check: "rule-health", status: .ok, detail: "every rule evaluates without error, in time")
                : DoctorCheck(
                    check: "rule-health", status: .problem, detail: health.joined(separator: "; "),
                    fix:
                        "read the error in Prometheus's /rules page; a slow group needs a longer interval or fewer series"
                ))
        return checks
    }

    private func recordingCheck(_ slo: SLOModel, plan: RuleGroupPlan, _ answers: [ReportJob: ReportAnswer])
        -> DoctorCheck
    {
        let present = Set((samples(answers, Self.recordingsQuery(slo)) ?? []).compactMap { $0.labels["__name__"] })
        var wanted: [String] = []
        for rule in plan.rules {
            if case .record(let record) = rule, !wanted.contains(record.record) { wanted.append(record.record) }
        }
        let missing = wanted.filter { !present.contains($0) }
        // The first recordings read the raw series; the ratios after them divide by the traffic
        // and are empty while there is none, which is no fault.
        if let first = wanted.first, present.contains(first), !missing.isEmpty {
            return DoctorCheck(
                check: "recordings", status: .note,
                detail:
                    "`\(first)` is fresh, but \(missing.count) recordings are empty: no traffic in the last 5 minutes?",
                fix: "fine while the service has no requests; otherwise see the rule-health check")
        }
        guard missing.isEmpty else {
            return DoctorCheck(
                check: "recordings", status: .problem,
                detail: "no fresh sample of \(missing.map { "`\($0)`" }.joined(separator: ", "))",
                fix: "the rules that record them fail or read no data: see the checks above")
        }
        return DoctorCheck(check: "recordings", status: .ok, detail: "all \(wanted.count) recordings are fresh")
    }

    // MARK: - Alertmanager

    private static func receiver(_ kind: String, _ receivers: AlertmanagerReceivers) -> String? {
        switch AlertKind(rawValue: kind) {
        case .page: receivers.page
        case .ticket: receivers.ticket
        case .budgetExhausted: receivers.budgetExhausted ?? receivers.ticket
        case .noData: receivers.noData ?? receivers.ticket
        case .slaAtRisk: receivers.ticket
        case nil: nil
        }
    }

    private func routingCheck(
        _ slo: SLOModel, plan: RuleGroupPlan, routing: AlertmanagerRouting, firing: [[String: String]]
    ) -> DoctorCheck {
        var problems: [String] = []
        var routes: [String] = []
        for rule in plan.rules {
            guard case .alert(let alert) = rule else { continue }
            var labels = slo.labels.merging(alert.labels) { $1 }
            labels["alertname"] = alert.alert
            labels[ReservedLabels.service] = slo.service
            labels[ReservedLabels.name] = slo.name
            let kind = labels[ReservedLabels.severity] ?? alert.alert
            let receivers = routing.receivers(for: labels)
            routes.append("\(kind) → \(receivers.joined(separator: ", "))")
            if receivers == [routing.root.receiver], !routing.root.routes.isEmpty {
                problems.append("the \(kind) alert falls to the default receiver `\(routing.root.receiver)`")
            }
            if let expected = expectedReceivers, let wanted = Self.receiver(kind, expected), !receivers.contains(wanted)
            {
                problems.append(
                    "the \(kind) alert goes to \(receivers.joined(separator: ", ")), not `\(wanted)` as slo.yaml says")
            }
            for receiver in receivers where routing.receivers[receiver] != true {
                problems.append("the \(kind) alert goes to `\(receiver)`, which sends nothing")
            }
            // SLO alerts silencing each other is the fragment's design; flag the others (an
            // always-firing `Watchdog` matched by a careless inhibit rule silences for good).
            for source in firing where source[ReservedLabels.severity] == nil {
                for rule in routing.inhibitions(of: labels, by: source) {
                    problems.append(
                        "the \(kind) alert is inhibited while `\(source["alertname"] ?? "?")` fires (it fires now), by the rule with target \(rule.target.map(\.description).joined(separator: ","))"
                    )
                }
            }
        }
        guard problems.isEmpty else {
            return DoctorCheck(
                check: "alert-routing", status: .problem, detail: problems.joined(separator: "; "),
                fix: "merge the routes of the generated alertmanager.yml (docs/DEPLOYING.md) and check the receivers")
        }
        return DoctorCheck(check: "alert-routing", status: .ok, detail: routes.joined(separator: "; "))
    }
}
