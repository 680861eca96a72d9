import Testing

@_spi(Benchmarking) @testable import SLOKit

/// The queries `bench/promql.sh` times (100,000 in under 1 s, release build) must all parse; the
/// timing itself lives in the benchmark script, not in a timed test.
@Suite("PromQL benchmark queries")
struct PromQLPerformanceTests {
    @Test func everyBenchmarkQueryParses() {
        let result = PromQLBenchmark.parseTypicalQueries(count: 5_000)
        #expect(result.parsed == 5_000)
    }
}
