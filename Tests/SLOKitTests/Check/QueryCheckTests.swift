import Testing

@testable import SLOKit

/// PromQL mistakes are reported at the offending character of the YAML file, whatever the
/// scalar style; the markers pin the expected position.
@Suite struct QueryCheckTests {
    static func spec(_ sli: String) -> String {
        """
        version: slo/v1
        service: orders
        slos:
          - name: availability
            objective: 99.9
            sli:
        \(sli)
        """
    }

    func errors(_ snippet: Snippet) -> [String] { snippet.check().diagnostics.errors.summary }

    @Test func plainScalar() {
        let snippet = Snippet(
            Self.spec(
                "      errors: sum(rate(x{code=\"5\"}[{{.window}}])) 1️⃣)\n      total: sum(rate(x[{{.window}}]))\n"))
        #expect(errors(snippet) == ["SLO501@\(snippet[1].line):\(snippet[1].column)"])
    }

    @Test func doubleQuotedScalarWithEscapes() {
        let snippet = Snippet(
            Self.spec(
                "      errors: \"sum(rate(x{code=\\\"5\\\"}[{{.window}}])) +1️⃣\"\n      total: sum(rate(x[{{.window}}]))\n"
            ))
        #expect(errors(snippet) == ["SLO501@\(snippet[1].line):\(snippet[1].column)"])
    }

    @Test func singleQuotedScalar() {
        let snippet = Snippet(Self.spec("      errors: 'x_total{code=\"5..\" 1️⃣job=\"a\"}'\n      total: x_total\n"))
        #expect(errors(snippet) == ["SLO501@\(snippet[1].line):\(snippet[1].column)"])
    }

    @Test func literalBlockScalar() {
        let snippet = Snippet(
            Self.spec(
                """
                      errors: |
                        sum(rate(x{code="5.."}[{{.window}}]))
                          / 1️⃣)
                      total: sum(rate(x[{{.window}}]))

                """))
        #expect(errors(snippet) == ["SLO501@\(snippet[1].line):\(snippet[1].column)"])
    }

    @Test func foldedBlockScalar() {
        let snippet = Snippet(
            Self.spec(
                """
                      errorRatio: >
                        sum(rate(errors_total[{{.window}}]))
                        / sum(rate(requests_total[{{.window}}]) 1️⃣]

                """))
        #expect(errors(snippet) == ["SLO501@\(snippet[1].line):\(snippet[1].column)"])
    }

    @Test func errorsAfterThePlaceholderAreMappedThroughTheSubstitution() {
        let snippet = Snippet(
            Self.spec("      errors: rate(x[{{.window}}]) + 1️⃣*\n      total: sum(rate(x[{{.window}}]))\n"))
        #expect(errors(snippet) == ["SLO501@\(snippet[1].line):\(snippet[1].column)"])
    }

    @Test func malformedSelectorGetsAPromQLErrorNotAPlaceholderHint() {
        let snippet = Snippet(Self.spec("      errors: 'x_total{code=\"5..\"1️⃣'\n      total: x_total\n"))
        let diagnostics = snippet.check().diagnostics.errors
        #expect(diagnostics.map(\.code) == [.promqlSyntax])
        #expect(diagnostics.first?.location == snippet[1])
    }

    @Test func sliMustBeAnInstantVector() {
        let snippet = Snippet(Self.spec("      errorRatio: 1️⃣rate(x[{{.window}}])[1h:]\n"))
        let diagnostics = snippet.check().diagnostics.errors
        #expect(diagnostics.map(\.code) == [.promqlType])
        #expect(diagnostics.first?.location == snippet[1])
    }

    @Test func selectorFormMustBeABareSelector() {
        let snippet = Snippet(Self.spec("      errors: 1️⃣x_total offset 5m\n      total: x_total\n"))
        #expect(errors(snippet) == ["SLO505@\(snippet[1].line):\(snippet[1].column)"])
    }

    @Test func contradictoryErrorsAndTotal() {
        let same = Snippet(Self.spec("      errors: 1️⃣x_total{job=\"a\"}\n      total: x_total{job=\"a\"}\n"))
        #expect(errors(same) == ["SLO503@\(same[1].line):\(same[1].column)"])
        let exclusive = Snippet(Self.spec("      errors: x_total{1️⃣code=\"500\"}\n      total: x_total{code=\"200\"}\n"))
        #expect(errors(exclusive) == ["SLO503@\(exclusive[1].line):\(exclusive[1].column)"])
    }

    @Test func groupByLabelsMustSurviveAggregation() {
        let snippet = Snippet(
            Self.spec(
                """
                      errors: 1️⃣sum(rate(x{code="5"}[{{.window}}]))
                      total: sum by (route) (rate(x[{{.window}}]))
                      groupBy: [2️⃣route]

                """))
        let diagnostics = snippet.check().diagnostics.errors
        #expect(diagnostics.summary == ["SLO504@\(snippet[1].line):\(snippet[1].column)"])
        #expect(diagnostics.first?.notes.first?.location == snippet[2])
    }

    @Test func validQueriesPass() {
        let snippet = Snippet(
            Self.spec(
                "      errors: sum by (route) (rate(x{code=~\"5..\"}[{{.window}}]))\n      total: sum by (route) (rate(x[{{.window}}]))\n      groupBy: [route]\n"
            ))
        #expect(snippet.check().diagnostics.isEmpty)
    }
}
