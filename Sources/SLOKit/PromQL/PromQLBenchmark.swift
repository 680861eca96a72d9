/// A repeatable parser benchmark the main package can call (e.g. from a
/// `--benchmark` flag or a performance test) without depending on test code.
///
/// SPI (`@_spi(Benchmarking)`): for `slo benchmark` and bench/, not for embedding users.
@_spi(Benchmarking) public enum PromQLBenchmark {
    /// Typical SLI/SLO queries, mixed simple and complex.
    public static let typicalQueries: [String] = [
        #"sum(rate(http_requests_total{job="api",code=~"5.."}[5m]))"#,
        #"sum(rate(http_requests_total{job="api"}[5m]))"#,
        #"sum by (service) (rate(http_requests_total{service="checkout",code!~"2..|3.."}[5m])) / sum by (service) (rate(http_requests_total{service="checkout"}[5m]))"#,
        #"histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))"#,
        #"sum(rate(http_request_duration_seconds_bucket{le="0.3",job="api"}[30d])) / sum(rate(http_request_duration_seconds_count{job="api"}[30d]))"#,
        #"1 - (sum(increase(grpc_server_handled_total{grpc_code!="OK"}[1h])) / sum(increase(grpc_server_handled_total[1h])))"#,
        #"avg_over_time(up{job="node"}[10m]) > bool 0.99"#,
        #"sum without (instance, pod) (rate(errors_total[5m])) / on (service) group_left (team) max by (service, team) (service_info)"#,
    ]

    /// Parses `count` queries cycling through ``typicalQueries`` and returns
    /// how many parsed and the elapsed wall-clock seconds.
    public static func parseTypicalQueries(count: Int) -> (parsed: Int, seconds: Double) {
        let queries = typicalQueries
        var parsed = 0
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<count {
            if (try? PromQLParser.parse(queries[index % queries.count])) != nil {
                parsed += 1
            }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (parsed, seconds)
    }

    /// Seconds to the millisecond, as the benchmark scripts read them ("0.412").
    public static func secondsText(_ seconds: Double) -> String {
        NumberFormat.clean((seconds * 1000).rounded() / 1000)
    }
}
