import Testing

@testable import SLOKit

@Suite("PromQL performance")
struct PromQLPerformanceTests {
    /// The requirement is 100,000 typical SLI queries in under a second in a
    /// release build (`promql-bench` in the dev package measured ~0.35 s).
    /// Debug builds are several times slower, so they only run a smoke test.
    @Test func parsesTypicalQueriesQuickly() {
        #if DEBUG
            let result = PromQLBenchmark.parseTypicalQueries(count: 5_000)
            #expect(result.parsed == 5_000)
        #else
            let result = PromQLBenchmark.parseTypicalQueries(count: 100_000)
            #expect(result.parsed == 100_000)
            #expect(result.seconds < 1.0, "parsing 100,000 queries took \(result.seconds) s")
        #endif
    }
}
