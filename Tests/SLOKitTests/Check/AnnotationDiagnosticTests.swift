import Testing

@testable import SLOKit

/// An annotation template promtool would reject is an error at the annotation (promtool's verdict
/// on each template is compared in IntegrationTests' `AnnotationTemplateTests`).
@Suite struct AnnotationDiagnosticTests {
    @Test func specDiagnosticPointsAtTheAnnotation() {
        let snippet = Snippet(
            """
            version: slo/v1
            service: orders
            alerting:
              annotations: {summary: 1️⃣"{{ $labels.route "}
            slos:
              - name: a
                objective: 99
                sli: {errors: 'x_total{code="5"}', total: x_total}

            """)
        #expect(snippet.check().diagnostics.errors.summary == ["SLO312@\(snippet[1].line):\(snippet[1].column)"])
    }
}
