extension ProjectConfig {
    /// What `slo init` writes: a commented project config and one commented example spec, after
    /// which `slo validate` and `slo compile` succeed. Paths are relative to the new project's folder.
    public static var starterFiles: [OutputFile] {
        [
            OutputFile(path: fileName, contents: starterConfig),
            OutputFile(path: "slo/example.yaml", contents: starterSpec),
        ]
    }

    static let starterConfig = """
        # Project config of slo, the SLO compiler. Paths are relative to this file's folder;
        # command-line flags override what is set here. Every key is optional except `version`.
        version: slo-project/v1

        # Spec files or folders: `slo compile` with no paths reads these.
        specs: [slo]

        # Where `slo compile` writes rules, fire-tests and documents; `slo report` writes under
        # its reports/ folder.
        output: generated

        # The SLO window of specs that do not set one.
        window: 30d

        # Rule formats: `prometheus` (a rule file for Prometheus, Thanos Ruler, Mimir) and
        # `prometheus-operator` (a PrometheusRule object).
        formats: [prometheus, prometheus-operator]

        # Labels added to every SLO's series and alerts (a spec's own labels win).
        labels: {}

        # runbook_url of every alert: this plus the service name (an annotation in a spec wins).
        # runbookBaseURL: https://runbooks.example.com/

        alerting:
          # The `severity` label of each kind of alert, for Alertmanager routes (a spec's alert
          # labels win).
          severity: {page: critical, ticket: warning, budgetExhausted: warning, noData: warning}

        # Metadata of the PrometheusRule objects: prometheus-operator loads only those its
        # ruleSelector matches (kube-prometheus-stack: `release: <Helm release name>`).
        prometheusOperator:
          namespace: monitoring
          labels: {}

        """

    static let starterSpec = """
        # An example SLO spec: one service per file. Edit it for a real service, or delete it once
        # you have your own. Check with `slo validate`, compile with `slo compile`.
        version: slo/v1
        service: example-api
        description: An HTTP API; replace with what your service does for its users.
        labels: {team: example}
        window: 30d
        slos:
          - name: availability
            description: Requests answered without a server error.
            objective: 99.9          # percent: 99.9% of requests over the 30-day window
            sli:
              # Selectors of counters: the compiler writes sum(rate(...)) over each window.
              errors: http_requests_total{job="example-api",code=~"5.."}
              total: http_requests_total{job="example-api"}
          - name: latency
            description: Requests answered within 300 ms.
            objective: 99
            sli:
              latency:
                metric: http_request_duration_seconds   # a classic histogram
                selector: '{job="example-api"}'
                threshold: 300ms                        # must be one of its bucket bounds (le)

        """
}
