import ArgumentParser

/// `slo`: compile SLO specs into Prometheus rules, tests, reports and documents.
@main
struct SLOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slo",
        abstract: "Compile service level objectives into Prometheus rules, alert tests, reports and SLA documents.",
        version: "0.1.0",
        subcommands: [Validate.self, Compile.self, Test.self, Report.self, Convert.self, Benchmark.self]
    )
}
