/// `slo convert`: Sloth and OpenSLO specs in, one `slo/v1` file per imported service out.
public struct Converter: Sendable {
    public var frontEnd = SpecFrontEnd()

    public init() {}

    /// The `slo/v1` files to write and what the conversion found.
    public struct Result: Sendable {
        /// Empty when there is an error, like a failed compile.
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        /// Native `slo/v1` services among the inputs, which need no conversion.
        public var nativeServices: [String]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Every finding goes to `diagnostics` (a fresh collector by default) and comes back sorted in
    /// the result.
    public func convert(_ sources: [SourceFile], diagnostics collector: DiagnosticCollector = DiagnosticCollector())
        -> Result
    {
        let services = frontEnd.run(sources, diagnostics: collector).services
        let diagnostics = collector.sorted
        var result = Result(files: [], diagnostics: diagnostics, nativeServices: [])
        guard !collector.hasErrors else { return result }
        for spec in services {
            guard spec.format != .native else {
                result.nativeServices.append(spec.service.value)
                continue
            }
            // What the decoder left out of this file (unsupported SLOs, ignored keys) is written as
            // comments at the top, so nobody loses it silently.
            let notes = diagnostics.filter { $0.location.file == spec.file && $0.severity == .warning }
                .map { "Not carried over (line \($0.location.line)): \($0.message)" }
            var extra: [String] = []
            if spec.format == .slothPrometheus || spec.format == .slothKubernetes {
                extra.append(
                    "Note: Sloth specs have no window; the `window:` below is the --window option's value.")
            }
            if let metadata = spec.kubernetesMetadata {
                extra.append(
                    "Not carried over: the PrometheusServiceLevel's metadata (name \(metadata.name), namespace \(metadata.namespace ?? "none")); `slo compile --format prometheus-operator` names its PrometheusRule `\(spec.service.value)-slo`."
                )
            }
            if spec.format == .openSLOV1 {
                extra.append(
                    "Not carried over: OpenSLO alert conditions (burn-rate thresholds, lookback windows); the standard page and ticket tiers alert instead."
                )
            }
            result.files.append(
                OutputFile(
                    path: "\(spec.service.value).yaml", contents: renderNativeSpec(spec, comments: notes + extra)))
        }
        return result
    }
}
