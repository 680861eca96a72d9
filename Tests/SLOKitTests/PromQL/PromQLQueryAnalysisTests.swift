import Testing

@testable import SLOKit

@Suite("PromQL query analysis")
struct PromQLQueryAnalysisTests {
    @Test func metricNames() throws {
        let expr = try PromQLParser.parse(
            #"""
            sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))
              + on() group_left {__name__="other_metric", job="x"} * {__name__=~"regex_.*"}
              or absent(up) or vector(1)
            """#)
        #expect(expr.metricNames == ["http_requests_total", "other_metric", "up"])
    }

    @Test func selectorsWithMatchersAndRanges() throws {
        let expr = try PromQLParser.parse(
            #"rate(http_requests_total{job="api",code=~"5.."}[5m] offset 1h) > on(job) up{job="api"} @ end()"#)
        let selectors = expr.selectors
        #expect(selectors.count == 2)
        #expect(selectors[0].metricName == "http_requests_total")
        #expect(selectors[0].range == PromQLDuration(milliseconds: 300_000))
        #expect(selectors[0].selector.offset == PromQLDuration(milliseconds: 3_600_000))
        #expect(
            selectors[0].selector.matchers == [
                PromQLLabelMatcher(name: "job", op: .equal, value: "api"),
                PromQLLabelMatcher(name: "code", op: .regexMatch, value: "5.."),
            ])
        #expect(selectors[0].sourceRange == 5..<61)
        #expect(selectors[1].metricName == "up")
        #expect(selectors[1].range == nil)
        #expect(selectors[1].selector.at == .end)
        #expect(selectors[0].selector.matchers[1].range == 35..<46)
    }

    @Test func matcherEmptiness() {
        #expect(PromQLLabelMatcher(name: "a", op: .equal, value: "").matchesEmptyString)
        #expect(!PromQLLabelMatcher(name: "a", op: .equal, value: "x").matchesEmptyString)
        #expect(PromQLLabelMatcher(name: "a", op: .notEqual, value: "x").matchesEmptyString)
        #expect(PromQLLabelMatcher(name: "a", op: .regexMatch, value: "x|").matchesEmptyString)
        #expect(!PromQLLabelMatcher(name: "a", op: .regexMatch, value: "x+").matchesEmptyString)
        #expect(!PromQLLabelMatcher(name: "a", op: .regexNoMatch, value: ".*").matchesEmptyString)
    }

    @Test func resultTypes() throws {
        let cases: [(String, PromQLValueType)] = [
            ("1 + 2", .scalar), ("x + 1", .instantVector), ("x[5m]", .rangeVector), ("\"s\"", .string),
            ("rate(x[5m])[1h:]", .rangeVector), ("scalar(x)", .scalar), ("-(time())", .scalar),
            ("sum(x)", .instantVector), ("1 > bool 2", .scalar),
        ]
        for (query, type) in cases {
            let expr = try PromQLParser.parse(query)
            #expect(expr.resultType == type, "\(query)")
            #expect(try PromQLTypeChecker.check(expr) == type, "\(query)")
        }
        #expect(PromQLValueType.scalar.isValidRuleResult)
        #expect(PromQLValueType.instantVector.isValidRuleResult)
        #expect(!PromQLValueType.rangeVector.isValidRuleResult)
        #expect(!PromQLValueType.string.isValidRuleResult)
    }

    static let labelCases: [(query: String, dropped: [String])] = [
        // Labels asked about: service, instance, le, __name__, team, dst, value.
        ("rate(x[5m])", ["__name__"]),
        ("sum(rate(x[5m]))", ["service", "instance", "le", "__name__", "team", "dst", "value"]),
        ("sum by (service) (rate(x[5m]))", ["instance", "le", "__name__", "team", "dst", "value"]),
        ("sum(rate(x[5m])) by (service, le)", ["instance", "__name__", "team", "dst", "value"]),
        ("sum without (instance) (x)", ["instance", "__name__"]),
        (
            "sum by (service) (sum without (service) (x))",
            ["service", "instance", "le", "__name__", "team", "dst", "value"]
        ),
        ("topk by (service) (3, x)", []),
        ("count_values(\"value\", x)", ["service", "instance", "le", "__name__", "team", "dst"]),
        ("x / on (service) y", ["instance", "le", "__name__", "team", "dst", "value"]),
        ("x / ignoring (instance) y", ["instance", "__name__"]),
        ("x / on () y", ["service", "instance", "le", "__name__", "team", "dst", "value"]),
        ("x / on (service) group_left (team) y", ["__name__"]),
        (
            "sum by (service) (x) / on (service) group_left (team) sum by (service, team) (y)",
            ["instance", "le", "__name__", "dst", "value"]
        ),
        ("x > 0", []),
        ("x > bool 0", ["__name__"]),
        ("x and on (service) y", []),
        ("x or sum by (service) (y)", ["instance", "le", "__name__", "team", "dst", "value"]),
        ("absent(x{service=\"a\", instance=~\"b\"})", ["instance", "le", "__name__", "team", "dst", "value"]),
        (
            "label_replace(sum(x), \"dst\", \"$1\", \"src\", \"(.*)\")",
            ["service", "instance", "le", "__name__", "team", "value"]
        ),
        (
            "histogram_quantile(0.9, sum by (le, service) (rate(x[5m])))",
            ["instance", "le", "__name__", "team", "dst", "value"]
        ),
        ("vector(1)", ["service", "instance", "le", "__name__", "team", "dst", "value"]),
        ("sort(x)", []),
        ("-x", ["__name__"]),
        ("(x)[1h:]", []),
        ("max_over_time(sum by (service) (x)[1h:])", ["instance", "le", "__name__", "team", "dst", "value"]),
    ]

    @Test(arguments: labelCases)
    func droppedLabels(query: String, dropped: [String]) throws {
        let asked = ["service", "instance", "le", "__name__", "team", "dst", "value"]
        let expr = try PromQLParser.parse(query)
        #expect(Set(expr.droppedLabels(among: asked)) == Set(dropped), "\(query)")
    }

    @Test func droppedLabelsKeepsTheGivenOrder() throws {
        let expr = try PromQLParser.parse("sum by (b) (x)")
        #expect(expr.droppedLabels(among: ["c", "b", "a"]) == ["c", "a"])
        #expect(expr.outputLabels == .only(["b"]))
    }
}
