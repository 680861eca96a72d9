import Foundation
import Testing

@testable import SLOKit

/// The Grafana dashboards of four golden specs (a plain ratio, a latency SLO, a timeslice SLO and a
/// `groupBy` SLO), committed under `golden/<case>/grafana/`. Re-record with `SLO_RECORD_GOLDEN=1`.
@Suite struct DashboardGoldenTests {
    static let cases = ["selector-ratio", "latency", "timeslice", "group-by"]

    static func compile(_ name: String) throws -> Compiler.Result {
        var options = Compiler.Options()
        options.formats = [.grafana]
        return Compiler(options: options).compile([try Fixtures.source("golden/\(name)/spec.yaml")])
    }

    /// The dashboards and the provider snippet, without the catalog and index every compile writes.
    static func grafanaFiles(_ result: Compiler.Result) -> [OutputFile] {
        result.files.filter { $0.path.hasSuffix(".json") || $0.path == "grafana-provider.yml" }
    }

    @Test(arguments: cases)
    func dashboardsMatchCommittedFiles(name: String) throws {
        let result = try Self.compile(name)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let files = Self.grafanaFiles(result)
        #expect(files.count == 3, "a service dashboard, the overview and the provider")
        let expected = Fixtures.root.appendingPathComponent("golden/\(name)/grafana")
        for file in files where file.path.hasSuffix(".json") {
            let problems = GrafanaDashboardCheck.problems(file.contents)
            #expect(problems.isEmpty, "\(file.path): \(problems)")
        }
        for file in files {
            let url = expected.appendingPathComponent(file.path)
            if GoldenTests.recording {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
                continue
            }
            let want = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing>"
            #expect(want == file.contents, "\(name)/grafana/\(file.path) differs; re-record if intended")
        }
    }

    /// Every burn-rate panel draws exactly its alert pair's factor, and each factor of the SLO's
    /// tiers has its panel: the lines are the thresholds the rules compare against.
    @Test(arguments: cases)
    func burnPanelsDrawTheAlertFactors(name: String) throws {
        let result = try Self.compile(name)
        let dashboard = try #require(
            result.files.first { $0.path.hasSuffix(".json") && !$0.path.hasPrefix("dashboards/") })
        let json = try JSONValue.parse(Array(dashboard.contents.utf8))
        let panels = json["panels"]?.arrayValue ?? []
        let burn = panels.filter { ($0["title"]?.stringValue ?? "").contains("burn rate:") }
        #expect(!burn.isEmpty && burn.count % 4 == 0, "per SLO two pairs for page, two for ticket")
        let factors = burn.compactMap { panel in
            panel["fieldConfig"]?["defaults"]?["thresholds"]?["steps"]?.arrayValue.last?["value"]?.numberValue
        }
        #expect(factors == Array(repeating: [14.4, 6, 3, 1], count: burn.count / 4).flatMap { $0 })
    }

    /// With `prometheus-operator` on too, each dashboard is also a ConfigMap for the Grafana sidecar
    /// whose one data entry is the dashboard file byte for byte (libyaml reads it back).
    @Test func configMapsCarryTheDashboardsForTheSidecar() throws {
        var options = Compiler.Options()
        options.formats = [.grafana, .prometheusOperator]
        let result = Compiler(options: options).compile([try Fixtures.source("golden/group-by/spec.yaml")])
        let maps = result.files.filter { $0.path.hasSuffix(".configmap.yml") }
        #expect(maps.map(\.path) == ["gateway/dashboards/gateway.configmap.yml", "dashboards/overview.configmap.yml"])
        for map in maps {
            let dashboard = try #require(
                result.files.first { $0.path == map.path.replacingOccurrences(of: ".configmap.yml", with: ".json") })
            let root = try #require(YAMLLoader().load(SourceFile(path: map.path, text: map.contents)).documents.first)
                .root
            func child(_ node: YAMLNode, _ key: String) -> YAMLNode? {
                guard case .mapping(let pairs) = node.kind else { return nil }
                return pairs.first { $0.keyText == key }?.value
            }
            func text(_ node: YAMLNode?) -> String? {
                guard let node, case .scalar(let scalar) = node.kind else { return nil }
                return scalar.value
            }
            #expect(text(child(root, "kind")) == "ConfigMap")
            let labels = try #require(child(root, "metadata").flatMap { child($0, "labels") })
            #expect(text(child(labels, "grafana_dashboard")) == "1")
            let data = try #require(child(root, "data"))
            let name = String(dashboard.path.split(separator: "/").last!)
            #expect(text(child(data, name)) == dashboard.contents)
        }
    }

    @Test func uidsAreStableValidAndDistinct() {
        #expect(DashboardPlan.uid(for: "orders-api") == "slo-orders-api")
        let long = String(repeating: "a", count: 60)
        let uid = DashboardPlan.uid(for: long)
        #expect(uid.count <= 40)
        #expect(uid == DashboardPlan.uid(for: long))
        #expect(uid != DashboardPlan.uid(for: long + "b"))
        #expect(DashboardPlan.uid(for: "api.v2").allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" })
        #expect(DashboardPlan.uid(for: "overview") != DashboardPlan.overviewUID)
    }
}
