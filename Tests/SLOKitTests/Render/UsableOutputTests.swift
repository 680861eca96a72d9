import Foundation
import Testing

@testable import SLOKit

/// Outputs a team uses unchanged (issue 18): alerts Alertmanager can route, no-data alerts for
/// every SLI kind, an SLA a customer can be sent, an index that links the reports, and an alert
/// catalog for on-call.
@Suite struct UsableOutputTests {
    static func compileGoldenSpecs(_ options: Compiler.Options = Compiler.Options()) throws -> [OutputFile] {
        let sources = try GoldenTests.cases.map { try Fixtures.source("golden/\($0)/spec.yaml") }
        let result = Compiler(options: options).compile(sources)
        #expect(!result.hasErrors)
        return result.files
    }

    /// Every alert rule of every golden spec, with its labels.
    static func alerts(in files: [OutputFile]) -> [(file: String, alert: String, labels: [String: String])] {
        var found: [(String, String, [String: String])] = []
        for file in files where file.path.hasSuffix("/rules.yml") {
            let documents = YAMLLoader().load(SourceFile(path: file.path, text: file.contents)).documents
            guard case .mapping(let top) = documents.first?.root.kind,
                case .sequence(let groups) = top.first(where: { $0.keyText == "groups" })?.value.kind
            else { continue }
            for group in groups {
                guard case .sequence(let rules) = group.pair("rules")?.value.kind else { continue }
                for rule in rules {
                    guard case .scalar(let name) = rule.pair("alert")?.value.kind else { continue }
                    var labels: [String: String] = [:]
                    if case .mapping(let pairs) = rule.pair("labels")?.value.kind {
                        for pair in pairs {
                            if case .scalar(let value) = pair.value.kind { labels[pair.keyText] = value.value }
                        }
                    }
                    found.append((file.path, name.value, labels))
                }
            }
        }
        return found
    }

    @Test func everyAlertCarriesASeverityWithDocumentedDefaults() throws {
        let alerts = Self.alerts(in: try Self.compileGoldenSpecs())
        #expect(alerts.count > 30)
        for alert in alerts {
            #expect(alert.labels["severity"] != nil, "\(alert.file): \(alert.alert) has no severity")
        }
        // Specs that set no severity get the defaults, by tier.
        let defaults = Dictionary(
            alerts.filter { $0.file.hasPrefix("report-exports/") }.map {
                ($0.labels["slo_severity"]!, $0.labels["severity"]!)
            },
            uniquingKeysWith: { first, _ in first })
        #expect(defaults["page"] == "critical" || defaults["page"] == nil)
        for tier in ["ticket", "budget-exhausted", "no-data"] where defaults[tier] != nil {
            #expect(defaults[tier] == "warning", "\(tier)")
        }
    }

    @Test func projectSeveritiesApplyAndSpecLabelsWin() throws {
        let spec = SourceFile(
            path: "spec.yaml",
            text: """
                version: slo/v1
                service: api
                alerting:
                  ticket: {labels: {severity: low}}
                slos:
                  - name: availability
                    objective: 99.9
                    sli: {errors: 'x_total{code="500"}', total: x_total}

                """)
        var defaults = ProjectDefaults()
        defaults.severities = .init(page: "pager", ticket: "queue", budgetExhausted: "later", noData: "look")
        defaults.runbookBaseURL = "https://runbooks.example.com/base/"
        var options = Compiler.Options()
        options.frontEnd.defaults = defaults
        let files = Compiler(options: options).compile([spec]).files
        let severities = Dictionary(
            Self.alerts(in: files).map { ($0.labels["slo_severity"]!, $0.labels["severity"]!) },
            uniquingKeysWith: { first, _ in first })
        // The ticket's own label wins and, as ticket labels do, reaches the alerts that inherit them.
        #expect(severities == ["page": "pager", "ticket": "low", "budget-exhausted": "low", "no-data": "low"])
        let rules = try #require(files.first { $0.path == "api/rules.yml" }?.contents)
        #expect(rules.contains("runbook_url: https://runbooks.example.com/base/api"))
    }

    /// Timeslice, errorRatio and full-PromQL SLIs get a no-data alert too, over the query they read.
    @Test func everySLIKindHasANoDataAlert() throws {
        let alerts = Self.alerts(in: try Self.compileGoldenSpecs())
        for service in ["order-pipeline", "search", "payments"] {
            #expect(
                alerts.contains { $0.file.hasPrefix("\(service)/") && $0.labels["slo_severity"] == "no-data" },
                "\(service) has no no-data alert")
        }
        let files = try Self.compileGoldenSpecs()
        let timeslice = try #require(files.first { $0.path == "order-pipeline/rules.yml" }?.contents)
        #expect(timeslice.contains("expr: absent("))
        let catalog = try #require(files.first { $0.path == "ALERTS.md" }?.contents)
        #expect(!catalog.contains("Missing data is not detected"), "every golden SLO detects missing data")
    }

    @Test func disabledNoDataAlertsAreNamedInTheCatalog() throws {
        let spec = SourceFile(
            path: "spec.yaml",
            text: """
                version: slo/v1
                service: api
                slos:
                  - name: availability
                    objective: 99.9
                    sli: {errors: 'x_total{code="500"}', total: x_total}
                    alerting: {noData: {disabled: true}}

                """)
        let files = Compiler().compile([spec]).files
        let catalog = try #require(files.first { $0.path == "ALERTS.md" }?.contents)
        #expect(catalog.contains("Missing data is not detected for `availability`: its no-data alert is disabled"))
    }

    @Test func theSLAIsReadyForCustomers() throws {
        let files = try Self.compileGoldenSpecs()
        let sla = try #require(files.first { $0.path == "storefront/SLA.md" }?.contents)
        let html = try #require(files.first { $0.path == "storefront/SLA.html" }?.contents)
        for document in [sla, html] {
            #expect(!document.contains("Generated by"), "no generated banner")
            #expect(!document.lowercased().contains("internal objective"))
            #expect(!document.contains("promql") && !document.contains("rate("), "no PromQL")
            #expect(!document.contains("quarter of 90 days") && !document.contains("year of 365 days"))
        }
        #expect(sla.contains("month of 28 days") && sla.contains("month of 31 days"))
        let internalSLA = try #require(files.first { $0.path == "storefront/SLA-internal.md" }?.contents)
        #expect(internalSLA.contains("internal objective"))
        #expect(internalSLA.contains("```promql"))
        #expect(internalSLA.contains("generated by `slo compile`"))
    }

    @Test func theIndexLinksTheReportsAndTheCatalogIsForOnCall() throws {
        let files = try Self.compileGoldenSpecs()
        let index = try #require(files.first { $0.path == "index.md" }?.contents)
        #expect(index.contains("[Error-budget reports](reports/index.md)"))
        #expect(index.contains("[error-budget report](reports/storefront.md)"))
        let catalog = try #require(files.first { $0.path == "ALERTS.md" }?.contents)
        #expect(!catalog.contains("PROMETHEUS_ALERTS"), "no file the user does not have")
        #expect(
            catalog.contains(
                "| alert | tier | severity | SLO | fires when | fires after, at 100 / 50 / 20 / 10 / 5 / 2% errors | runbook |"
            ))
        #expect(!catalog.contains("### "), "no per-alert detail sections: those are in BUDGET.md")
        let budget = try #require(files.first { $0.path == "storefront/BUDGET.md" }?.contents)
        #expect(budget.contains("| alert | tier | labels | for | full outage fires it after | runbook |"))
    }
}
