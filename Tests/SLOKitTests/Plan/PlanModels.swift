@testable import SLOKit

/// Resolved models for Plan tests, from inline `slo/v1` text: Plan is tested on what the earlier
/// stages really hand it, not on hand-built structs that could drift from them.
enum PlanModels {
    /// The first SLO of a one-service spec; fails the test (by trapping) on diagnostics errors.
    static func slo(_ yaml: String) -> SLOModel {
        let checked = Compiler().check([SourceFile(path: "plan.yaml", text: yaml)])
        precondition(!checked.hasErrors, "\(checked.diagnostics.map(\.message))")
        return checked.models[0].slos[0]
    }

    /// An SLO with a selector SLI and the default alerting over `window`.
    static func availability(objective: Double = 99.9, window: String = "30d", extra: String = "") -> SLOModel {
        slo(
            """
            version: slo/v1
            service: shop
            window: \(window)
            slos:
              - name: availability
                objective: \(objective)
                sli:
                  errors: http_requests_total{job="shop",code=~"5.."}
                  total: http_requests_total{job="shop"}
            \(extra)
            """)
    }
}
