import ArgumentParser
@_spi(Benchmarking) import SLOKit

/// `slo benchmark promql`: hidden; used by bench/promql.sh so the figure comes from a release build.
struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Internal benchmarks (see bench/).", shouldDisplay: false)

    enum Kind: String, ExpressibleByArgument {
        case promql
    }

    @Argument var kind: Kind
    @Option var count = 100_000

    func run() throws {
        let result = PromQLBenchmark.parseTypicalQueries(count: count)
        guard result.parsed == count else { throw ValidationError("only \(result.parsed) of \(count) parsed") }
        Terminal.standardOutput(
            "parsed \(count) typical SLI queries in \(PromQLBenchmark.secondsText(result.seconds)) s\n"
        )
    }
}
