/// What the libFuzzer targets (`Fuzz/`, `scripts/fuzz.sh`) run on each input, and the regression
/// tests on each past finding: one stage on arbitrary bytes.
///
/// Crashes, hangs and leaks are the fuzzer's to catch. Each entry point also checks the properties
/// a crash-free run can still break, and returns the broken one (nil when all hold), so that a
/// finding reads the same in the fuzzer and in a test.
@_spi(Fuzzing) public enum FuzzEntryPoints {
    /// One libFuzzer target, chosen by `SLO_FUZZ_TARGET`.
    public enum Target: String, CaseIterable, Sendable {
        /// Load, decode and check one spec file, then render its diagnostics.
        case yaml
        /// Parse and type-check one PromQL query, then print it.
        case promql
        /// The whole compile of one spec file.
        case compile
        /// One answer of a (hostile) Prometheus, read as `slo report` reads it.
        case response
    }

    public static func run(_ target: Target, _ bytes: [UInt8]) -> String? {
        switch target {
        case .yaml: frontEnd(bytes)
        case .promql: promQL(bytes)
        case .compile: compile(bytes)
        case .response: response(bytes)
        }
    }

    /// Every diagnostic must point into the file: the CLI quotes the line under it.
    static func frontEnd(_ bytes: [UInt8]) -> String? {
        let file = SourceFile(path: "fuzz.yaml", bytes: bytes)
        let result = SpecFrontEnd().check([file])
        let renderer = DiagnosticRenderer(sources: [file])
        _ = renderer.text(result.diagnostics)
        _ = renderer.json(result.diagnostics)
        for diagnostic in result.diagnostics {
            let location = diagnostic.location
            guard location.file == file.path, let line = file.line(location.line), location.column >= 1,
                location.column <= line.unicodeScalars.count + 1
            else { return "diagnostic outside the file: \(diagnostic)" }
        }
        return nil
    }

    /// A query that parses must print as PromQL that parses again and prints the same: the printer
    /// writes the rules' expressions. Error ranges must lie inside the query (they become columns).
    static func promQL(_ bytes: [UInt8]) -> String? {
        let query = String(decoding: bytes, as: UTF8.self)
        let expr: PromQLExpr
        do {
            expr = try PromQLParser.parse(query)
        } catch {
            let length = query.unicodeScalars.count
            guard error.offset >= 0, error.offset <= error.end, error.end <= length else {
                return
                    "error range \(error.offset)..<\(error.end) outside a query of \(length) scalars: \(query.debugDescription)"
            }
            return nil
        }
        let printed = PromQLPrinter.print(expr)
        do {
            let again = PromQLPrinter.print(try PromQLParser.parse(printed))
            return again == printed
                ? nil : "printing is not stable: \(printed.debugDescription) → \(again.debugDescription)"
        } catch {
            return
                "\(query.debugDescription) prints as \(printed.debugDescription), which does not parse: \(error.message)"
        }
    }

    /// Output paths stay inside the output folder: relative, no empty, `.` or `..` component,
    /// unique, and no file where another needs a folder. A failed compile writes nothing.
    static func compile(_ bytes: [UInt8]) -> String? {
        let file = SourceFile(path: "fuzz.yaml", bytes: bytes)
        let result = Compiler().compile([file])
        _ = DiagnosticRenderer(sources: [file]).text(result.diagnostics)
        guard result.hasErrors == result.files.isEmpty else {
            return result.hasErrors ? "files despite errors" : "no files without errors"
        }
        var paths: Set<String> = []
        var folders: Set<String> = []
        for output in result.files {
            let components = output.path.split(separator: "/", omittingEmptySubsequences: false)
            guard !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
                return "output path \(output.path.debugDescription) leaves its folder"
            }
            guard paths.insert(output.path).inserted else { return "output path \(output.path) written twice" }
            for depth in 1..<components.count { folders.insert(components[..<depth].joined(separator: "/")) }
        }
        if let clash = paths.intersection(folders).first { return "output path \(clash) is both a file and a folder" }
        return nil
    }

    /// A Prometheus answer either reads or is refused. What reads survives a round trip through
    /// our own JSON writer: the reader's string decoding and the writer's escaping agree.
    static func response(_ bytes: [UInt8]) -> String? {
        guard let answer = try? PrometheusResponse.parse(bytes) else { return nil }
        guard answer.series.allSatisfy({ $0.points.allSatisfy { $0.time.isFinite } }) else { return nil }
        var envelope: [(String, JSONValue)] = [("status", .string(answer.status))]
        if let error = answer.error { envelope.append(("error", .string(error))) }
        let result: [JSONValue] = answer.series.map { series in
            .object([
                ("metric", .object(series.labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                ("values", .array(series.points.map { .array([.number($0.time), .string($0.value)]) })),
            ])
        }
        envelope.append(("data", .object([("resultType", .string("matrix")), ("result", .array(result))])))
        let written = JSONValue.object(envelope).serialized()
        guard let again = try? PrometheusResponse.parse(Array(written.utf8)) else {
            return "our JSON of an answer does not read back: \(written.debugDescription)"
        }
        guard again.status == answer.status, again.error == answer.error, again.series.count == answer.series.count
        else { return "the envelope changed in a round trip: \(written.debugDescription)" }
        for (before, after) in zip(answer.series, again.series) {
            guard before.labels == after.labels, before.points.count == after.points.count else {
                return "a series changed in a round trip: \(written.debugDescription)"
            }
            for (one, other) in zip(before.points, after.points) {
                let drift = abs(one.time - other.time) / max(1, abs(one.time))
                guard one.value == other.value, drift < 1e-12 else {
                    return "a point changed in a round trip: \(written.debugDescription)"
                }
            }
        }
        return nil
    }
}
