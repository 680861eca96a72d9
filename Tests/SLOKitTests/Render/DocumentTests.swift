import Testing

@testable import SLOKit

/// The arithmetic and escaping of the generated documents (SLA, ALERTS, BUDGET, index).
@Suite struct DocumentTests {
    private func downtime(_ objective: Double, days: Int) -> String {
        DurationText.downtime(seconds: BudgetMath.allowedDowntimeSeconds(objectivePercent: objective, days: days))
    }

    /// Two units at most, rounded to the smaller one (3 h 43 min 12 s reads as 3 h 43 min).
    @Test func downtimeArithmetic() {
        #expect(downtime(99.9, days: 30) == "43 min 12 s")
        #expect(downtime(99.5, days: 31) == "3 h 43 min")
        #expect(downtime(99.99, days: 365) == "52 min 34 s")
        #expect(downtime(99.9, days: 28) == "40 min 19 s")
        #expect(downtime(99, days: 92) == "22 h 5 min")
        #expect(downtime(95, days: 31) == "1 d 13 h")
    }

    /// An SLA's allowance never reads as more than it is: two units, rounded down, where
    /// `downtime` rounds to the nearest (3 h 21 min 36 s is "3 h 22 min" there).
    @Test func allowanceRoundsDown() {
        func allowance(_ objective: Double, days: Int) -> String {
            DurationText.allowance(
                seconds: BudgetMath.allowedDowntimeSeconds(objectivePercent: objective, days: days))
        }
        #expect(downtime(99.5, days: 28) == "3 h 22 min")
        #expect(allowance(99.5, days: 28) == "3 h 21 min")
        #expect(allowance(99.9, days: 30) == "43 min 12 s", "exact when it fits two units")
        #expect(allowance(99.9, days: 31) == "44 min 38 s")
        #expect(allowance(95, days: 31) == "1 d 13 h")
        #expect(allowance(99, days: 30) == "7 h 12 min")
        #expect(allowance(99.999, days: 28) == "24.1 s", "24.192 s, rounded down")
        #expect(allowance(99.9999, days: 30) == "2.59 s")
        #expect(DurationText.allowance(seconds: 3600) == "1 h")
        for seconds in stride(from: 0.5, through: 400_000, by: 977.3) {
            #expect(Self.seconds(DurationText.allowance(seconds: seconds)) <= seconds, "\(seconds)")
        }
    }

    /// Reads "1 d 13 h", "43 min 12 s", "24.1 s" back as seconds.
    static func seconds(_ text: String) -> Double {
        let size = ["d": 86_400.0, "h": 3600, "min": 60, "s": 1]
        let words = text.split(separator: " ")
        return stride(from: 0, to: words.count, by: 2).reduce(0) {
            $0 + Double(words[$1])! * size[String(words[$1 + 1])]!
        }
    }

    @Test func creditTierSelectionAtBoundaries() {
        let tiers = [
            BudgetMath.CreditTier(belowPercent: 99.5, creditPercent: 10),
            BudgetMath.CreditTier(belowPercent: 95, creditPercent: 100),
            BudgetMath.CreditTier(belowPercent: 99, creditPercent: 25),
        ]
        func credit(_ achieved: Double) -> Double? {
            BudgetMath.credit(achievedPercent: achieved, tiers: tiers)?.creditPercent
        }
        #expect(credit(100) == nil)
        #expect(credit(99.5) == nil)
        #expect(credit(99.49) == 10)
        #expect(credit(99) == 10)
        #expect(credit(98.99) == 25)
        #expect(credit(95) == 25)
        #expect(credit(94.99) == 100)
        #expect(credit(0) == 100)
        #expect(BudgetMath.credit(achievedPercent: 50, tiers: []) == nil)
    }

    static let hostile = """
        version: slo/v1
        service: hostile
        description: "<script>alert(1)</script> | a\\nb & `x` \\\\"
        slos:
          - name: availability
            description: "<script>alert(1)</script> | pipe"
            objective: 99.9
            sli:
              errors: http_requests_total{code=~"5.."}
              total: http_requests_total
        sla:
          title: "<script>alert(1)</script> | SLA"
          provider: "<script>alert(1)</script> | provider"
          customer: "<b>customer</b> | x"
          scope: "line one\\nline two | <i>"
          claims: "<script>alert(1)</script> | claims"
          commitments: [{slo: availability, objective: 99.5}]
          credits: [{below: 99.5, credit: 10}]
          exclusions: ["<script>alert(1)</script> | excluded"]
        """

    @Test func userTextIsEscapedInEveryDocument() throws {
        let result = Compiler().compile([SourceFile(path: "slo/hostile.yaml", text: Self.hostile)])
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        let documents = result.files.filter { $0.path.hasSuffix(".md") }
        #expect(
            Set(documents.map(\.path)) == [
                "hostile/SLA.md", "hostile/SLA-internal.md", "hostile/BUDGET.md", "ALERTS.md", "index.md",
            ])
        for document in documents {
            #expect(!document.contents.contains("<script>"), "\(document.path) contains raw HTML")
            #expect(!document.contents.contains("<b>"), "\(document.path) contains raw HTML")
            #expect(document.contents.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\|"), "\(document.path)")
            for line in document.contents.split(separator: "\n") where line.hasPrefix("|") {
                // Every table row keeps its cell count: no unescaped pipe inside a cell.
                #expect(line.hasSuffix("|"), "\(document.path): \(line)")
                #expect(!line.contains("line one\nline two"))
            }
        }
        let html = try #require(result.files.first { $0.path == "hostile/SLA.html" }).contents
        #expect(!html.contains("<script"), "SLA.html contains a script")
        #expect(!html.contains("<b>") && !html.contains("<i>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | SLA"))
        for external in ["src=", "<link", "@import", "url("] {
            #expect(!html.contains(external), "SLA.html must be self-contained: \(external)")
        }
        let sla = try #require(documents.first { $0.path == "hostile/SLA.md" }).contents
        #expect(sla.contains("line one line two \\| &lt;i&gt;"))
        #expect(sla.contains("&lt;b&gt;customer&lt;/b&gt;"))
    }

    @Test func tableRowsKeepTheirCellCount() {
        let row = Markdown.table(["a", "b"], [[Markdown.text("x | y\nz"), Markdown.code("p|q", inTable: true)]])
        #expect(row == "| a | b |\n|---|---|\n| x \\| y z | `p\\|q` |\n")
    }

    @Test func noSLAMeansNoSLADocument() {
        let spec = """
            version: slo/v1
            service: plain
            slos:
              - name: availability
                objective: 99
                sli: {errors: e_total, total: t_total}
            """
        let result = Compiler().compile([SourceFile(path: "slo/plain.yaml", text: spec)])
        #expect(
            result.files.map(\.path) == [
                "plain/rules.yml", "plain/rules.test.yml", "plain/BUDGET.md", "ALERTS.md", "index.md",
            ])
    }
}
