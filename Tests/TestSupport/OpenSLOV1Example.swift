/// OpenSLO v1 specs written for this project: a Service and two SLOs in one file, the SLI, data
/// source, alert policy, condition and notification target they reference in another. Used by
/// the interop tests of both tiers.
public enum OpenSLOV1Example {
    public static let service = """
        - apiVersion: openslo/v1
          kind: Service
          metadata: {name: checkout}
          spec: {description: Checkout API}
        - apiVersion: openslo/v1
          kind: SLO
          metadata: {name: availability}
          spec:
            service: checkout
            indicatorRef: checkout-errors
            timeWindow: [{duration: 4w, isRolling: true}]
            budgetingMethod: Occurrences
            objectives: [{target: 0.999}]
            alertPolicies: [checkout-page]
        - apiVersion: openslo/v1
          kind: SLO
          metadata: {name: latency}
          spec:
            service: checkout
            indicator:
              metadata: {name: slow}
              spec:
                thresholdMetric:
                  metricSource:
                    type: Prometheus
                    spec: {query: 'histogram_quantile(0.99, sum by (le) (rate(http_duration_seconds_bucket[5m])))'}
            timeWindow: [{duration: 1M, isRolling: false, calendar: {startTime: 2024-01-01 00:00:00, timeZone: UTC}}]
            budgetingMethod: Timeslices
            objectives: [{op: lt, value: 0.5, target: 0.99, timeSliceWindow: 1m}]
        """

    public static let shared = """
        apiVersion: openslo/v1
        kind: SLI
        metadata: {name: checkout-errors}
        spec:
          ratioMetric:
            counter: true
            bad: {metricSource: {metricSourceRef: prom, spec: {query: 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m]))'}}}
            total: {metricSource: {metricSourceRef: prom, spec: {query: 'http_requests_total{job="checkout"}'}}}
        ---
        apiVersion: openslo/v1
        kind: DataSource
        metadata: {name: prom}
        spec: {type: Prometheus, connectionDetails: {url: "http://prometheus:9090"}}
        ---
        apiVersion: openslo/v1
        kind: AlertPolicy
        metadata: {name: checkout-page}
        spec:
          alertWhenNoData: false
          alertWhenResolved: false
          alertWhenBreaching: true
          conditions: [{conditionRef: fast-burn}]
          notificationTargets: [{targetRef: oncall}]
        ---
        apiVersion: openslo/v1
        kind: AlertCondition
        metadata: {name: fast-burn}
        spec: {severity: page, condition: {kind: burnrate, op: gt, threshold: 14.4, lookbackWindow: 1h, alertAfter: 5m}}
        ---
        apiVersion: openslo/v1
        kind: AlertNotificationTarget
        metadata: {name: oncall}
        spec: {target: pagerduty}
        """
}
