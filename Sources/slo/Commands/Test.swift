import ArgumentParser
import Foundation
import SLOKit

struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile into a temporary folder and run promtool on the rules and their fire-tests.",
        discussion:
            "Exit 0 when every service's rules load and its tests pass, 1 on spec errors or failures, 2 when promtool is missing."
    )

    @OptionGroup var inputs: SpecInputs
    @OptionGroup var diagnostics: DiagnosticOptions
    @OptionGroup var imports: ImportOptions

    @Option(help: "The promtool to run (default: promtool on PATH).")
    var promtool: String?

    @Option(help: "Services tested at once.")
    var jobs = 2

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let log = diagnostics.start()
        guard let tool = promtool ?? Self.onPath("promtool"), FileManager.default.isExecutableFile(atPath: tool) else {
            throw log.fail(
                .promtoolNotFound,
                "promtool not found\(promtool.map { " at \($0)" } ?? " on PATH"); install Debian's prometheus package or pass --promtool",
                exit: ExitCode(2))
        }
        var project = try inputs.project(log)
        imports.apply(to: &project.config)
        let files = try inputs.read(log, project: project)
        var options = Compiler.Options(project: project.config)
        options.frontEnd.sourceNames = inputs.sourceNames(files, project: project)
        options.formats = [.prometheus]
        let result = Compiler(options: options).compile(files, diagnostics: log.collector)
        try log.stopOnErrors()

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slo-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var services: [String] = []
        do {
            for file in result.files
            where file.path.hasSuffix("/rules.yml") || file.path.hasSuffix("/rules.test.yml")
                || file.path.hasSuffix("/calendar.test.yml")
            {
                let path = (folder as NSString).appendingPathComponent(file.path)
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
                if file.path.hasSuffix("/rules.yml") { services.append(String(file.path.dropLast("/rules.yml".count))) }
            }
        } catch {
            throw log.fail(
                .ioFailure, "cannot write the compiled rules to \(folder): \(error.localizedDescription)",
                at: .file(folder))
        }

        // Each service: its rules must load, then its fire-tests must pass. `jobs` run at once.
        let outcomes = Outcomes(count: services.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = jobs
        for (index, service) in services.enumerated() {
            queue.addOperation {
                let directory = (folder as NSString).appendingPathComponent(service)
                let started = Date()
                var outcome = Self.execute(tool, ["check", "rules", "rules.yml"], in: directory)
                if outcome.status == 0 {
                    // The calendar tests (a calendar SLO or an SLA) run in the same promtool call.
                    let calendar = (directory as NSString).appendingPathComponent("calendar.test.yml")
                    let tests =
                        ["rules.test.yml"]
                        + (FileManager.default.fileExists(atPath: calendar) ? ["calendar.test.yml"] : [])
                    outcome = Self.execute(tool, ["test", "rules"] + tests, in: directory)
                }
                outcomes.set(index, (outcome.status, outcome.output, Date().timeIntervalSince(started)))
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        var failed = 0
        for (index, service) in services.enumerated() {
            let (status, output, seconds) = outcomes.get(index)
            let time = String(format: "%.1f s", seconds)
            if status == 0 {
                Terminal.standardOutput("ok      \(service) (\(time))\n")
            } else {
                failed += 1
                Terminal.standardOutput(
                    "FAILED  \(service) (\(time))\n" + output.split(separator: "\n").map { "  \($0)\n" }.joined())
                log.collector.error(
                    .fireTestsFailed,
                    "service `\(service)`: promtool rejected its rules or a fire-test failed; its output is printed under FAILED",
                    at: .run)
            }
        }
        Terminal.standardOutput(
            "\(services.count - failed) of \(services.count) services passed (\(result.sloCount) SLOs)\n")
        try log.finish()
    }

    /// Results written by the worker operations, read after they finish.
    private final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [(Int32, String, Double)]

        init(count: Int) { values = Array(repeating: (0, "", 0), count: count) }

        func set(_ index: Int, _ value: (Int32, String, Double)) { lock.withLock { values[index] = value } }
        func get(_ index: Int) -> (Int32, String, Double) { lock.withLock { values[index] } }
    }

    private static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    private static func execute(_ tool: String, _ arguments: [String], in directory: String) -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let log = (directory as NSString).appendingPathComponent(".promtool-\(arguments[0]).log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: log) else { return (1, "cannot write \(log)") }
        process.standardOutput = handle
        process.standardError = handle
        do {
            try process.run()
        } catch {
            return (1, "cannot run \(tool): \(error)")
        }
        process.waitUntilExit()
        try? handle.close()
        return (process.terminationStatus, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }
}
