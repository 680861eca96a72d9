/// `slo convert`: Sloth and OpenSLO specs in, one `slo/v1` file per imported service out.
public struct Converter: Sendable {
    public var frontEnd = SpecFrontEnd()

    public init() {}

    public struct Result: Sendable {
        /// Empty when there is an error, like a failed compile.
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        /// Native `slo/v1` services among the inputs, which need no conversion.
        public var nativeServices: [String]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public func convert(_ sources: [SourceFile]) -> Result {
        let front = frontEnd.check(sources)
        var result = Result(files: [], diagnostics: front.diagnostics, nativeServices: [])
        guard !front.hasErrors else { return result }
        for spec in front.services {
            guard spec.format != .native else {
                result.nativeServices.append(spec.service.value)
                continue
            }
            // What the decoder left out of this file (unsupported SLOs, ignored keys) is written as
            // comments at the top, so nobody loses it silently.
            let notes = front.diagnostics.filter { $0.location.file == spec.file && $0.severity == .warning }
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
