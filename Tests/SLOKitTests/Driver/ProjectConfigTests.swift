import Foundation
import Testing

@testable import SLOKit

/// The project config's decoder: every section, its defaults, its diagnostics, and the schema.
@Suite struct ProjectConfigDecoderTests {
    static func decode(_ snippet: Snippet) -> (ProjectConfig?, [Diagnostic]) {
        let collector = DiagnosticCollector()
        let config = ProjectConfig.decode(snippet.file, diagnostics: collector)
        return (config, collector.sorted)
    }

    @Test func everySectionIsRead() throws {
        let (config, diagnostics) = Self.decode(
            Snippet(
                """
                version: slo-project/v1
                specs: [specs, more/specs.yaml]
                output: out
                window: 28d
                formats: prometheus-operator
                labels: {environment: production}
                runbookBaseURL: https://runbooks.example.com
                alerting:
                  severity: {page: pager, noData: info}
                prometheusOperator:
                  namespace: monitoring
                  labels: {release: kube-prometheus-stack, app.kubernetes.io/name: slo}
                  annotations: {owner: platform team}
                alertmanager:
                  receivers: {page: pagerduty, ticket: jira}

                """, path: "slo.yaml"))
        #expect(diagnostics.isEmpty, "\(diagnostics.summary)")
        let decoded = try #require(config)
        #expect(decoded.specs == ["specs", "more/specs.yaml"])
        #expect(decoded.specsLocation == SourceLocation(file: "slo.yaml", line: 2, column: 8))
        #expect(decoded.output == "out")
        #expect(decoded.window == .days(28))
        #expect(decoded.formats == [.prometheusOperator])
        #expect(decoded.defaults.labels == ["environment": "production"])
        #expect(decoded.defaults.runbookURL(service: "checkout") == "https://runbooks.example.com/checkout")
        #expect(
            decoded.defaults.severities
                == .init(page: "pager", ticket: "warning", budgetExhausted: "warning", noData: "info"))
        #expect(decoded.prometheusOperator.namespace == "monitoring")
        #expect(decoded.prometheusOperator.labels["app.kubernetes.io/name"] == "slo")
        #expect(decoded.prometheusOperator.annotations == ["owner": "platform team"])
        #expect(decoded.alertmanagerReceivers == .init(page: "pagerduty", ticket: "jira"))
        #expect(
            decoded.alertmanagerReceivers.names == ["jira", "pagerduty"], "budget-exhausted and no-data follow ticket")
        let frontEnd = decoded.frontEnd
        #expect(frontEnd.defaults.window == .days(28))
    }

    @Test func defaultsWithoutAConfig() {
        let config = ProjectConfig()
        #expect(config.specs == ["slo"])
        #expect(config.output == "generated")
        #expect(config.formats == nil)
        #expect(config.window == .days(30))
        #expect(config.defaults.severities.page == "critical")
        #expect(config.defaults.severities.ticket == "warning")
        #expect(config.defaults.runbookURL(service: "x") == nil)
    }

    @Test func problemsArePositionedAndSayWhatToWrite() {
        let snippet = Snippet(
            """
            version: slo-project/v1
            1️⃣specz: [slo]
            window: 2️⃣month
            formats: [3️⃣nonsense]
            runbookBaseURL: 4️⃣runbooks.example.com
            5️⃣severity: {page: critical}
            prometheusOperator:
              namespace: 6️⃣Monitoring
              labels: {7️⃣"bad key!": x, ok: 8️⃣"no spaces allowed"}
            9️⃣victoriametrics: {}

            """, path: "slo.yaml")
        let (config, diagnostics) = Self.decode(snippet)
        #expect(config == nil, "a config with errors is not used")
        #expect(
            diagnostics.summary == [
                "SLO203@\(snippet[1].line):\(snippet[1].column)", "SLO303@\(snippet[2].line):\(snippet[2].column)",
                "SLO204@\(snippet[3].line):\(snippet[3].column)", "SLO204@\(snippet[4].line):\(snippet[4].column)",
                "SLO203@\(snippet[5].line):\(snippet[5].column)", "SLO307@\(snippet[6].line):\(snippet[6].column)",
                "SLO304@\(snippet[7].line):\(snippet[7].column)", "SLO311@\(snippet[8].line):\(snippet[8].column)",
                "SLO209@\(snippet[9].line):\(snippet[9].column)",
            ])
        #expect(diagnostics[0].message.contains("did you mean `specs`?"))
        #expect(diagnostics[4].message == "`severity` does not belong in the project config; move it under `alerting`")
        #expect(diagnostics[8].message.contains("vmalert settings"))
    }

    @Test func grafanaDocumentsURLReachesTheDashboards() throws {
        let good = Self.decode(
            Snippet("version: slo-project/v1\ngrafana: {documentsURL: https://git.example.com/m/generated}\n"))
        #expect(good.1.isEmpty, "\(good.1.summary)")
        let config = try #require(good.0)
        #expect(Compiler.Options(project: config).dashboards.documentsURL == "https://git.example.com/m/generated")
        let bad = Self.decode(Snippet("version: slo-project/v1\ngrafana: {documentsURL: generated, folder: x}\n"))
        #expect(bad.1.summary == ["SLO204@2:25", "SLO203@2:36"])
    }

    /// `report.minCoverage`: percent like `--min-coverage`, read into the reporter; a fraction gets
    /// a fix-it that, applied literally, leaves a config without the error.
    @Test func reportMinCoverage() throws {
        func config(_ value: String) -> (ProjectConfig?, [Diagnostic], SourceFile) {
            let file = SourceFile(
                path: "slo.yaml", text: "version: slo-project/v1\nreport:\n  minCoverage: \(value)\n")
            let collector = DiagnosticCollector()
            return (ProjectConfig.decode(file, diagnostics: collector), collector.sorted, file)
        }
        let decoded = try #require(config("75").0)
        #expect(decoded.reportMinCoverage == 0.75)
        #expect(Reporter(options: LiveOptions(at: 0), project: decoded).minCoverage == 0.75)
        #expect(Reporter(options: LiveOptions(at: 0), project: ProjectConfig()).minCoverage == 0.9)
        #expect(try #require(config("0").0).reportMinCoverage == 0)

        let (none, diagnostics, file) = config("0.8")
        #expect(none == nil)
        #expect(diagnostics.summary == ["SLO308@3:16"])
        let fixIt = try #require(diagnostics.first?.fixIt)
        #expect(fixIt.replacement == "80")
        let fixed = try #require(file.applying(fixIt))
        let collector = DiagnosticCollector()
        #expect(ProjectConfig.decode(fixed, diagnostics: collector)?.reportMinCoverage == 0.8)
        #expect(collector.sorted.isEmpty)

        #expect(config("150").1.summary == ["SLO308@3:16"])
        #expect(config("\"90%\"").1.first?.fixIt?.replacement == "90", "the number without `%`")
        #expect(config("{}").1.summary == ["SLO204@3:16"])
        let misplaced = Self.decode(Snippet("version: slo-project/v1\n1️⃣minCoverage: 90\n", path: "slo.yaml")).1
        #expect(misplaced.first?.message.contains("move it under `report`") == true)
    }

    /// `groups`, `mimir` and `thanos`: read into the rule-group settings, or told what to write.
    @Test func ruleGroupSettings() {
        let good = Self.decode(
            Snippet(
                """
                version: slo-project/v1
                groups: {interval: 5m, limit: 100, queryOffset: 1m, labels: {cluster: eu-1}}
                mimir: {sourceTenants: [team-a, team-b]}
                thanos: {partialResponseStrategy: warn}

                """, path: "slo.yaml"))
        #expect(good.1.summary.isEmpty)
        let settings = good.0?.ruleGroups
        #expect(settings?.interval == .minutes(5) && settings?.limit == 100 && settings?.queryOffset == .minutes(1))
        #expect(settings?.labels == ["cluster": "eu-1"] && settings?.sourceTenants == ["team-a", "team-b"])
        #expect(settings?.partialResponseStrategy == "warn")
        let snippet = Snippet(
            """
            version: slo-project/v1
            groups: {interval: 1️⃣7m, limit: 2️⃣-1, 3️⃣evalInterval: 1m}
            thanos: {partialResponseStrategy: 4️⃣maybe}

            """, path: "slo.yaml")
        let (config, diagnostics) = Self.decode(snippet)
        #expect(config == nil)
        #expect(
            diagnostics.summary == [
                "SLO302@\(snippet[1].line):\(snippet[1].column)", "SLO204@\(snippet[2].line):\(snippet[2].column)",
                "SLO203@\(snippet[3].line):\(snippet[3].column)", "SLO204@\(snippet[4].line):\(snippet[4].column)",
            ])
        #expect(diagnostics.first?.message.contains("must divide 5 minutes") == true)
    }

    @Test func versionIsRequiredAndChecked() {
        #expect(Self.decode(Snippet("specs: [slo]\n")).1.summary == ["SLO201@1:1"])
        let spec = Self.decode(Snippet("version: slo/v1\n"))
        #expect(spec.1.summary == ["SLO202@1:10"])
        #expect(spec.1.first?.message.contains("`slo.yaml` is the project config") == true)
        #expect(Self.decode(Snippet("")).1.summary == ["SLO102@1:1"])
    }

    @Test func aSpecWalkSkipsTheConfig() {
        let result = SpecFrontEnd().check([SourceFile(path: "slo.yaml", text: ProjectConfig.starterConfig)])
        #expect(result.diagnostics.isEmpty)
        #expect(result.services.isEmpty)
    }

    @Test func starterFilesDecodeAndCompileCleanly() throws {
        let files = ProjectConfig.starterFiles
        #expect(files.map(\.path) == ["slo.yaml", "slo/example.yaml"])
        let (config, diagnostics) = Self.decode(Snippet(files[0].contents, path: "slo.yaml"))
        #expect(diagnostics.isEmpty, "\(diagnostics.summary)")
        let project = try #require(config)
        #expect(project.formats == [.prometheus, .prometheusOperator])
        let result = Compiler(options: Compiler.Options(project: project)).compile([
            SourceFile(path: "slo/example.yaml", text: files[1].contents)
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.summary)")
        #expect(result.files.contains { $0.path == "example-api/prometheusrule.yml" })
    }

    /// The schema lists exactly the decoder's sections (reserved ones as `not: {}`) and keys.
    @Test func schemaIsInStepWithTheDecoder() throws {
        let url = Fixtures.repository.appendingPathComponent("schema/slo-project-v1.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(
            Set(properties.keys)
                == Set(ProjectConfigDecoder.sections.map(\.key)).union(ProjectConfigDecoder.reserved.keys))
        for key in ProjectConfigDecoder.reserved.keys {
            #expect((properties[key] as? [String: Any])?["not"] != nil, "reserved `\(key)` is rejected by the schema")
        }
        let defs = try #require(schema["$defs"] as? [String: Any])
        func keys(_ name: String) -> Set<String> {
            Set(((defs[name] as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
        }
        #expect(keys("alerting") == Set(ProjectConfigDecoder.Keys.alerting))
        #expect(keys("severity") == Set(ProjectConfigDecoder.Keys.severity))
        #expect(keys("prometheusOperator") == Set(ProjectConfigDecoder.Keys.prometheusOperator))
        #expect(keys("alertmanager") == Set(ProjectConfigDecoder.Keys.alertmanager))
        #expect(keys("receivers") == Set(ProjectConfigDecoder.Keys.receivers))
        #expect(keys("grafana") == Set(ProjectConfigDecoder.Keys.grafana))
        #expect(keys("report") == Set(ProjectConfigDecoder.Keys.report))
        #expect(schema["additionalProperties"] as? Bool == false)
    }

    @Test func kubernetesNames() {
        #expect(KubernetesNames.isValidNamespace("monitoring"))
        #expect(!KubernetesNames.isValidNamespace("Monitoring"))
        #expect(!KubernetesNames.isValidNamespace("-x"))
        #expect(KubernetesNames.isValidKey("app.kubernetes.io/part-of"))
        #expect(KubernetesNames.isValidKey("release"))
        #expect(!KubernetesNames.isValidKey("a/b/c"))
        #expect(!KubernetesNames.isValidKey("bad key"))
        #expect(KubernetesNames.isValidLabelValue(""))
        #expect(KubernetesNames.isValidLabelValue("kube-prometheus-stack"))
        #expect(!KubernetesNames.isValidLabelValue("no spaces"))
    }
}

/// Keys in the wrong mapping of a spec are told where they belong, and only keys with one home.
@Suite struct MisplacedKeyTests {
    @Test func homesAreUniqueAndTheFixWorks() {
        #expect(NativeKeys.homes["groupBy"] == "under `sli`")
        #expect(NativeKeys.homes["for"] == "under `alerting.budgetExhausted` or `alerting.noData`")
        #expect(NativeKeys.homes["labels"] == nil, "several mappings have `labels`")
        #expect(NativeKeys.homes["objective"] == nil, "an SLO and a commitment have `objective`")
        let snippet = Snippet(
            """
            version: slo/v1
            service: orders
            1️⃣total: x_total
            slos:
              - name: availability
                objective: 99.9
                2️⃣threshold: 300ms
                sli:
                  errors: x_errors_total
                  total: x_total
                  3️⃣sla: {}
            """)
        let diagnostics = snippet.check().diagnostics
        #expect(diagnostics.summary == ["SLO203@3:1", "SLO203@7:5", "SLO203@11:7"])
        #expect(
            diagnostics.map(\.message) == [
                "`total` does not belong in a `slo/v1` spec; move it under `sli`",
                "`threshold` does not belong in an SLO; move it under `sli.latency`",
                "`sla` does not belong in `sli`; move it to the top level of the spec",
            ])
        _ = snippet[1]
        _ = snippet[2]
        _ = snippet[3]
    }
}
