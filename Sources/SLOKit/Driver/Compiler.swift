import Dispatch
import Synchronization

/// The whole pipeline for `slo compile`: sources in, output files and diagnostics out.
public struct Compiler: Sendable {
    /// How the rules are packaged (`--format`): a plain rule file, or a `PrometheusRule` object;
    /// `alertmanager` adds the routes and inhibit rules their alerts need (`alertmanager.yml`);
    /// `grafana` adds a dashboard per service and an overview that read the recorded series (as
    /// `ConfigMap`s too when `prometheus-operator` is also on). The scale-out formats
    /// (docs/SCALING.md): a Mimir/Cortex ruler namespace (`mimir.yml`), the Thanos split
    /// (`thanos-prometheus.yml` for each Prometheus, `thanos-ruler.yml` for Thanos Ruler), and
    /// vmalert rules in the flat layout (`vmalert.yml`, or a `VMRule` object).
    public enum RuleFormat: String, Sendable, Hashable, CaseIterable {
        case prometheus
        case prometheusOperator = "prometheus-operator"
        case alertmanager
        case grafana
        case mimir
        case thanos
        case vmalert
        case vmrule
    }

    /// What to compile and how.
    public struct Options: Sendable {
        /// Formats to write; nil writes `prometheus`, plus `prometheus-operator` for services from a
        /// Sloth `PrometheusServiceLevel` (whose own output is a `PrometheusRule` with its metadata).
        public var formats: Set<RuleFormat>?
        public var frontEnd = SpecFrontEnd()
        /// Threads that render services at once; the output is the same for any number.
        public var jobs = 1
        /// Namespace, labels and annotations of every `PrometheusRule` (from the project config).
        var prometheusRule = PrometheusRuleDefaults()
        /// Where each kind of alert goes in `alertmanager.yml` (from the project config).
        var alertmanagerReceivers = AlertmanagerReceivers()
        /// What the dashboards link to (from the project config).
        var dashboards = DashboardSettings()
        /// Group keys, tenants and partial-response strategy (from the project config).
        var ruleGroups = RuleGroupSettings()

        public init() {}
    }

    /// Every output file of a compile, or none and the errors that stopped it.
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

    /// The checked input of a compile: diagnostics, and the services to render when there is no error.
    public struct Checked: Sendable {
        public var diagnostics: [Diagnostic]
        public var sloCount: Int
        /// Sorted by service name: the order files are rendered in.
        var services: [CheckedService]
        /// Rebuilds the models of services that are alone in their file.
        var frontEnd: SpecFrontEnd

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

        /// Every model at once, for tests that look at or pick them; setting holds the given models.
        var models: [ServiceModel] {
            get { services.map(frontEnd.model) }
            set {
                services = newValue.map {
                    CheckedService(name: $0.name, sloCount: $0.slos.count, origin: .model($0))
                }
            }
        }
    }

    /// Checks and renders; every finding goes to `diagnostics` (a fresh collector by default) and
    /// is returned sorted in the result.
    public func compile(_ sources: [SourceFile], diagnostics: DiagnosticCollector = DiagnosticCollector()) -> Result {
        let checked = check(sources, diagnostics: diagnostics)
        guard !checked.hasErrors else {
            return Result(
                files: [], diagnostics: checked.diagnostics, sloCount: checked.sloCount, fireTests: FireTestStats())
        }
        var files: [OutputFile] = []
        let stats = render(checked) { files.append($0) }
        return Result(files: files, diagnostics: checked.diagnostics, sloCount: checked.sloCount, fireTests: stats)
    }

    /// Front end and models: everything that can fail, before anything is rendered.
    public func check(_ sources: [SourceFile], diagnostics: DiagnosticCollector = DiagnosticCollector()) -> Checked {
        let services = options.frontEnd.services(sources, rereading: true, diagnostics: diagnostics)
        return Checked(
            diagnostics: diagnostics.sorted, sloCount: services.reduce(0) { $0 + $1.sloCount },
            services: services.sorted(by: { $0.name < $1.name }), frontEnd: options.frontEnd)
    }

    /// Renders every output file of an error-free compile and hands each to `emit` as soon as it
    /// exists, in a stable order: a caller that writes them as they come holds a few services'
    /// files in memory, not the whole tree (10,000 SLOs make some 690 MB of output). Services
    /// alone in their file are read again as they render, so their models are not held either;
    /// the files and documents about every service (`index.md`, `alertmanager.yml`, the overview
    /// dashboard) need only each service's ``ServiceOutline``.
    ///
    /// With `options.jobs` above 1, batches of services render on that many threads while the
    /// calling thread hands the previous batch to `emit`; files still reach `emit` in service
    /// order, on the calling thread, so the output is the same for any number of jobs.
    public func render(_ checked: Checked, emit: (OutputFile) throws -> Void) rethrows -> FireTestStats {
        precondition(!checked.hasErrors, "render needs a compile without errors")
        let workers = max(1, options.jobs)
        let schedules = SimulationCache()
        var paths: [String] = []
        var catalog = AlertCatalogText()
        var stats = FireTestStats()
        var outlines: [ServiceOutline] = []
        func take(_ service: RenderedService) throws {
            for file in service.files {
                paths.append(file.path)
                try emit(file)
            }
            catalog.append(section: service.catalogSection)
            stats.fromRawMetrics += service.stats.fromRawMetrics
            stats.fromRecordings += service.stats.fromRecordings
            outlines.append(service.outline)
        }
        if workers == 1 {
            for service in checked.services {
                try take(renderService(checked.frontEnd.model(service), schedules: schedules))
            }
        } else {
            let batchSize = 8 * workers
            let batches = stride(from: 0, to: checked.services.count, by: batchSize).map {
                Array(checked.services[$0..<min($0 + batchSize, checked.services.count)])
            }
            func start(_ batch: [CheckedService]) -> RenderBatch {
                RenderBatch(batch, workers: workers, compiler: self, frontEnd: checked.frontEnd, schedules: schedules)
            }
            var next = batches.first.map(start)
            // A batch still rendering when `emit` throws finishes before this returns.
            defer { _ = next?.wait() }
            for index in batches.indices {
                let done = next!.wait()
                next = index + 1 < batches.count ? start(batches[index + 1]) : nil
                for service in done { try take(service) }
            }
        }
        if options.formats?.contains(.alertmanager) == true {
            let plan = planAlertmanagerRoutes(outlines, receivers: options.alertmanagerReceivers)
            try emit(OutputFile(path: "alertmanager.yml", contents: renderAlertmanagerRoutes(plan)))
            paths.append("alertmanager.yml")
        }
        if options.formats?.contains(.grafana) == true {
            let overview = renderGrafanaDashboard(planOverviewDashboard(outlines))
            var grafanaFiles = [OutputFile(path: "dashboards/overview.json", contents: overview)]
            if options.formats?.contains(.prometheusOperator) == true {
                grafanaFiles.append(
                    OutputFile(
                        path: "dashboards/overview.configmap.yml",
                        contents: renderGrafanaConfigMap(
                            name: "slo-dashboard-overview", fileName: "overview.json", dashboard: overview,
                            partOf: "slo", defaults: options.prometheusRule)))
            }
            grafanaFiles.append(OutputFile(path: "grafana-provider.yml", contents: renderGrafanaProvider()))
            for file in grafanaFiles {
                try emit(file)
                paths.append(file.path)
            }
        }
        try emit(OutputFile(path: "ALERTS.md", contents: catalog.finish()))
        paths.append("ALERTS.md")
        try emit(
            OutputFile(path: "index.md", contents: renderDocumentIndex(services: outlines, paths: paths)))
        return stats
    }

    /// One service's files, its part of the alert catalog, and how its fire-tests are fed.
    fileprivate struct RenderedService: Sendable {
        var files: [OutputFile] = []
        var catalogSection = ""
        var stats = FireTestStats()
        var outline: ServiceOutline
    }

    /// Services rendering in the background on `workers` threads; `wait()` gives them in order.
    private final class RenderBatch: Sendable {
        private let results: Mutex<[RenderedService?]>
        private let group = DispatchGroup()

        init(
            _ services: [CheckedService], workers: Int, compiler: Compiler, frontEnd: SpecFrontEnd,
            schedules: SimulationCache
        ) {
            results = Mutex([RenderedService?](repeating: nil, count: services.count))
            for worker in 0..<min(workers, services.count) {
                DispatchQueue.global().async(group: group) {
                    for index in stride(from: worker, to: services.count, by: workers) {
                        let rendered = compiler.renderService(frontEnd.model(services[index]), schedules: schedules)
                        self.results.withLock { $0[index] = rendered }
                    }
                }
            }
        }

        func wait() -> [RenderedService] {
            group.wait()
            return results.withLock { $0.map { $0! } }
        }
    }

    fileprivate func renderService(_ service: ServiceModel, schedules: SimulationCache) -> RenderedService {
        var rendered = RenderedService(outline: service.outline)
        func add(_ path: String, _ contents: String) {
            rendered.files.append(OutputFile(path: "\(service.name)/\(path)", contents: contents))
        }
        let settings = options.ruleGroups
        func planned(_ layout: WindowPlan.Layout, _ part: RuleGroupPart, _ engine: RuleGroupSettings.Engine)
            -> RuleFilePlan
        {
            RuleFilePlan(groups: planServiceRuleGroups(service, layout: layout, part: part, settings: settings, engine))
        }
        let plan = planned(.chained, .whole, .prometheus)
        let formats =
            options.formats
            ?? (service.kubernetesMetadata == nil ? [.prometheus] : [.prometheus, .prometheusOperator])
        if formats.contains(.prometheus) {
            add("rules.yml", renderRuleFile(plan, source: ruleSource(service)))
            let fireTests = planServiceFireTests(service, schedules: schedules, stats: &rendered.stats)
            add("rules.test.yml", renderRuleTests(fireTests.plan, source: service.file, notes: fireTests.notes))
            if let calendarTests = planCalendarFireTests(service) {
                add(
                    "calendar.test.yml",
                    renderRuleTests(
                        calendarTests, source: service.file, notes: [calendarTestsNote], fileName: "calendar.test.yml"))
            }
        }
        if formats.contains(.prometheusOperator) {
            add("prometheusrule.yml", renderPrometheusRule(plan, service: service, defaults: options.prometheusRule))
        }
        if formats.contains(.grafana) {
            let dashboard = renderGrafanaDashboard(planServiceDashboard(service, settings: options.dashboards))
            add("dashboards/\(service.name).json", dashboard)
            if formats.contains(.prometheusOperator) {
                add(
                    "dashboards/\(service.name).configmap.yml",
                    renderGrafanaConfigMap(
                        name: "slo-dashboard-" + service.name.replacingAll("_", with: "-"),
                        fileName: "\(service.name).json", dashboard: dashboard, partOf: service.name,
                        defaults: options.prometheusRule))
            }
        }
        if formats.contains(.mimir) {
            add(
                "mimir.yml",
                renderRulerNamespace(
                    planned(.chained, .whole, .mimir), namespace: "slo-\(service.name)", source: ruleSource(service)))
        }
        if formats.contains(.thanos) {
            add(
                "thanos-prometheus.yml",
                renderRuleFile(planned(.chained, .local, .prometheus), source: ruleSource(service)))
            add("thanos-ruler.yml", renderRuleFile(planned(.flat, .global, .thanosRuler), source: ruleSource(service)))
        }
        if formats.contains(.vmalert) {
            add("vmalert.yml", renderRuleFile(planned(.flat, .whole, .vmalert), source: ruleSource(service)))
        }
        if formats.contains(.vmrule) {
            add(
                "vmrule.yml",
                renderVMRule(planned(.flat, .whole, .vmalert), service: service, defaults: options.prometheusRule))
        }
        if let sla = service.sla {
            let outline = planSLADocument(sla, service: service)
            add("SLA.md", renderMarkdown(outline))
            add("SLA.html", renderHTML(outline))
            add("SLA-internal.md", renderMarkdown(planSLADocument(sla, service: service, audience: .internal)))
        }
        let detection = service.slos.map(schedules.detection)
        add("BUDGET.md", renderBudgetPlan(service, detection: detection))
        rendered.catalogSection = renderAlertCatalogSection(
            service,
            entries: zip(service.slos, detection).flatMap {
                planAlertCatalog($0, detection: $1, commitment: SLACommitmentTerms(slo: $0, sla: service.sla))
            })
        return rendered
    }
}
