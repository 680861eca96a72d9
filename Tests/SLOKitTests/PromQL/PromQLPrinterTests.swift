import Testing

@testable import SLOKit

@Suite("PromQL printer")
struct PromQLPrinterTests {
    static let canonical: [(String, String)] = [
        ("sum(rate(x[5m]))by(job)", "sum by (job) (rate(x[5m]))"),
        ("SUM WITHOUT(a,b,)(x)", "sum without (a, b) (x)"),
        ("x{ b = 'c' , a=~`d\\.e` }", #"x{b="c",a=~"d\\.e"}"#),
        ("a*ON(job)GROUP_LEFT b", "a * on (job) group_left b"),
        ("a * on(job) group_left() (b)", "a * on (job) group_left () (b)"),
        ("a>bool b", "a > bool b"),
        ("x offset 1h30m @ 100", "x @ 100 offset 1h30m"),
        ("x[90m:60s] offset -5m", "x[1h30m:1m] offset -5m"),
        ("x @ 1.5", "x @ 1.5"),
        ("x @ -0.001", "x @ -0.001"),
        ("x @ start()", "x @ start()"),
        ("1e3 + 0x10 + 017 + .5 + 1e-7 + 1e21", "1000 + 16 + 15 + 0.5 + 1e-07 + 1e+21"),
        ("Inf - -Inf + NaN", "Inf - -Inf + NaN"),
        ("- - x", "--x"),
        ("-(1)", "-(1)"),
        ("\"tab\\tquote\\\"backslash\\\\ é \\u200b \\uFFFD\"", "\"tab\\tquote\\\"backslash\\\\ é \\u200B \\uFFFD\""),
        ("`raw\nnewline`", "\"raw\\nnewline\""),
        ("x # comment\n + y", "x + y"),
        ("count_values(\"v\", x)", "count_values(\"v\", x)"),
        ("sum", "sum"),
        ("offset offset 5m", "offset offset 5m"),
    ]

    @Test(arguments: canonical)
    func canonicalForm(input: String, output: String) throws {
        let expr = try PromQLParser.parse(input)
        #expect(expr.description == output)
        #expect(try PromQLParser.parse(output) == expr)
    }

    func selector(_ name: String) -> PromQLExpr {
        PromQLExpr(.vectorSelector(PromQLVectorSelector(name: name)))
    }

    func binary(_ lhs: PromQLExpr, _ op: PromQLBinaryOperator, _ rhs: PromQLExpr) -> PromQLExpr {
        PromQLExpr(.binary(PromQLBinaryExpr(op: op, lhs: lhs, rhs: rhs)))
    }

    @Test func synthesisedTreesGetMinimalParentheses() throws {
        let a = selector("a")
        let b = selector("b")
        let c = selector("c")
        let cases: [(PromQLExpr, String)] = [
            (binary(binary(a, .add, b), .mul, c), "(a + b) * c"),
            (binary(a, .mul, binary(b, .add, c)), "a * (b + c)"),
            (binary(binary(a, .mul, b), .add, c), "a * b + c"),
            (binary(a, .sub, binary(b, .sub, c)), "a - (b - c)"),
            (binary(binary(a, .sub, b), .sub, c), "a - b - c"),
            (binary(binary(a, .pow, b), .pow, c), "(a ^ b) ^ c"),
            (binary(a, .pow, binary(b, .pow, c)), "a ^ b ^ c"),
            (binary(PromQLExpr(.unary(.minus, a)), .pow, b), "(-a) ^ b"),
            (binary(PromQLExpr(.number(-2)), .pow, b), "(-2) ^ b"),
            (binary(a, .pow, PromQLExpr(.unary(.minus, b))), "a ^ -b"),
            (PromQLExpr(.unary(.minus, binary(a, .add, b))), "-(a + b)"),
            (PromQLExpr(.unary(.minus, binary(a, .pow, b))), "-a ^ b"),
            (binary(binary(a, .or, b), .and, c), "(a or b) and c"),
            (
                PromQLExpr(
                    .subquery(PromQLSubquery(expr: binary(a, .add, b), range: PromQLDuration(milliseconds: 60_000)))),
                "(a + b)[1m:]"
            ),
        ]
        for (expr, text) in cases {
            #expect(expr.description == text)
            let reparsed = try PromQLParser.parse(text)
            // Same meaning: printing the re-parsed tree gives the same text.
            #expect(reparsed.description == text)
        }
    }

    @Test func metricNamesThatCannotBeWrittenBare() {
        #expect(selector("bool").description == #"{__name__="bool"}"#)
        #expect(selector("inf").description == #"{__name__="inf"}"#)
        #expect(selector("my-metric").description == #"{__name__="my-metric"}"#)
        #expect(selector("sum").description == "sum")
        #expect(selector("job:rate:5m").description == "job:rate:5m")
    }

    @Test func numbersRoundTrip() throws {
        let values: [Double] = [
            0, 1, -1, 0.1, 1.0 / 3, 123_456_789_012_345, 1_234_567_890_123_456_768, 1e300, Double.leastNonzeroMagnitude,
            -2.5e-10, .infinity,
        ]
        for value in values {
            let text = PromQLPrinter.formatNumber(value)
            let expr = try PromQLParser.parse(text)
            #expect(expr == PromQLExpr(.number(value)), "\(value) printed as \(text)")
        }
        #expect(try PromQLParser.parse(PromQLPrinter.formatNumber(.nan)) == PromQLExpr(.number(.nan)))
    }

    @Test func equalityIgnoresSourceRanges() throws {
        let a = try PromQLParser.parse("sum by (job) (rate(x{a=\"b\"}[5m]))")
        let b = try PromQLParser.parse("  sum(rate( x{ a = \"b\" } [5m] )) by (job)")
        #expect(a == b)
        #expect(a.range != b.range)
        #expect(try PromQLParser.parse("x{a=\"b\"}") != PromQLParser.parse("x{a=\"c\"}"))
        #expect(try PromQLParser.parse("sum by () (x)") != PromQLParser.parse("sum(x)"))
        #expect(try PromQLParser.parse("(x)") != PromQLParser.parse("x"))
    }

    @Test func nodeRanges() throws {
        let query = "sum(rate(x{a=\"é\"}[5m])) + 1"
        let expr = try PromQLParser.parse(query)
        #expect(expr.range == 0..<27)
        guard case .binary(let binary) = expr.kind else {
            Issue.record("expected binary")
            return
        }
        #expect(binary.lhs.range == 0..<23)
        #expect(binary.rhs.range == 26..<27)
        #expect(binary.operatorRange == 24..<25)
    }
}
