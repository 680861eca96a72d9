import Foundation
import Testing

@testable import SLOKit

/// The README's dashboard picture: three panels of generated/orders-api's dashboard, drawn with the
/// report's chart code (`ChartRenderer`) from docs/dashboard-picture.json, which
/// scripts/dashboard-picture.py reads from a real Prometheus that evaluated the generated rules over
/// a synthetic week (the panel queries taken from the dashboard JSON). The committed SVGs must be
/// what the chart code draws from that data; re-record with `SLO_RECORD_GOLDEN=1`.
@Suite struct DashboardPictureTests {
    static let docs = Fixtures.repository.appendingPathComponent("docs")
    static let files = ["dashboard-budget.svg", "dashboard-page-burn.svg", "dashboard-ticket-burn.svg"]

    /// A chart of the picture data as a standalone SVG: the report's chart with its style inlined.
    static func svg(_ chart: [String: Any]) throws -> String {
        let points = try #require(chart["points"] as? [[Double]])
        let lines = try #require(chart["lines"] as? [Double])
        let panel = try #require(chart["panel"] as? String)
        let burn = panel.contains("burn rate")
        let document = DocumentChart(
            title: try #require(chart["title"] as? String), format: burn ? .factor : .percent,
            start: Int64(try #require(chart["start"] as? Int)), end: Int64(try #require(chart["end"] as? Int)),
            points: points.map { DocumentChart.Point(time: Int64($0[0]), value: $0[1]) },
            references: lines.map {
                DocumentChart.Reference(
                    value: $0, label: burn ? "alert at \(ChartRenderer.label($0, .factor))" : "budget spent")
            })
        let drawn = ChartRenderer.svg(document)
        let open = "<svg class=\"chart\" "
        try #require(drawn.hasPrefix(open))
        return open + "width=\"\(Int(ChartRenderer.width))\" height=\"\(Int(ChartRenderer.height))\" "
            + drawn.dropFirst(open.count).replacingOccurrences(
                of: "\">\n", with: "\">\n<style>\n\(ChartRenderer.style)\n</style>\n",
                options: [], range: drawn.dropFirst(open.count).range(of: "\">\n"))
    }

    @Test func pictureIsDrawnFromTheCommittedData() throws {
        let data = try Data(contentsOf: Self.docs.appendingPathComponent("dashboard-picture.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let charts = try #require(object["charts"] as? [[String: Any]])
        #expect(charts.count == Self.files.count)
        for (chart, file) in zip(charts, Self.files) {
            let drawn = try Self.svg(chart)
            #expect(drawn.contains("data-points=\"\((chart["points"] as? [Any])?.count ?? 0)\""))
            let url = Self.docs.appendingPathComponent(file)
            if GoldenTests.recording {
                try Data(drawn.utf8).write(to: url)
                continue
            }
            #expect((try? String(contentsOf: url, encoding: .utf8)) == drawn, "docs/\(file) is stale; re-record")
        }
    }

    /// The lines in the picture are the thresholds the committed dashboard draws, and the queries
    /// are the committed dashboard's: the picture shows what the panels show.
    @Test func pictureMatchesTheCommittedDashboard() throws {
        let data = try Data(contentsOf: Self.docs.appendingPathComponent("dashboard-picture.json"))
        let charts = try #require(
            (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["charts"] as? [[String: Any]])
        let dashboard = try String(
            contentsOf: Fixtures.repository.appendingPathComponent("generated/orders-api/dashboards/orders-api.json"),
            encoding: .utf8)
        let json = try JSONValue.parse(Array(dashboard.utf8))
        let panels = json["panels"]?.arrayValue ?? []
        for chart in charts {
            let expr = try #require(chart["expr"] as? String)
            let title = try #require(chart["panel"] as? String)
            let panel = try #require(
                panels.first {
                    $0["title"]?.stringValue == title
                        && $0["targets"]?.arrayValue.contains { $0["expr"]?.stringValue == expr } == true
                }, "no panel \(title) of the dashboard queries \(expr)")
            let steps = panel["fieldConfig"]?["defaults"]?["thresholds"]?["steps"]?.arrayValue ?? []
            #expect(steps.compactMap { $0["value"]?.numberValue } == chart["lines"] as? [Double])
        }
    }
}
