/// `slo convert`: Sloth and OpenSLO specs in, one `slo/v1` file per imported service out.
///
/// Works on real folders, file by file: a file that is no spec at all (a Prometheus rule file,
/// another Kubernetes object) is skipped with the reason, a file with errors is reported and left
/// out, and the rest is still converted. OpenSLO v1 objects may refer to objects in other files,
/// so the files are converted together; a file that fails takes out only what depends on it.
public struct Converter: Sendable {
    public var frontEnd = SpecFrontEnd()

    public init() {}

    /// What became of one input file.
    public enum FileOutcome: Sendable, Hashable {
        /// Converted into these `slo/v1` files (paths relative to the output folder); empty for a
        /// file of OpenSLO objects that other files' SLOs use.
        case converted([String])
        /// Already `slo/v1`: these services need no conversion.
        case native([String])
        /// Not an SLO spec at all, and why (a Prometheus rule file, another Kubernetes object).
        case notSpec(String)
        /// It has errors (in `diagnostics`); nothing from it is written.
        case failed(errors: Int)
    }

    /// The `slo/v1` files to write and what the conversion found.
    public struct Result: Sendable {
        /// Every converted service; files that failed contribute nothing.
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        /// Native `slo/v1` services among the inputs, which need no conversion.
        public var nativeServices: [String]
        /// Each input file, in input order, and what became of it.
        public var outcomes: [(path: String, outcome: FileOutcome)]

        /// True when there are errors in files that were converted anyway (never: a file with
        /// errors is left out), so callers decide by `files` and `outcomes`.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Every finding goes to `diagnostics` (a fresh collector by default) and comes back sorted in
    /// the result: the errors of the files that failed and the warnings of those converted.
    public func convert(_ sources: [SourceFile], diagnostics collector: DiagnosticCollector = DiagnosticCollector())
        -> Result
    {
        var outcomes: [String: FileOutcome] = [:]
        var loaded: [String: [YAMLDocument]] = [:]
        // A file that loads but holds no spec is skipped quietly, with its reason.
        var candidates: [SourceFile] = []
        for source in sources {
            let result = YAMLLoader(limits: frontEnd.limits).load(source)
            loaded[source.path] = result.documents
            let reasons = result.documents.map { SpecDecoder.nonSpecReason($0.root) }
            // An empty file (SLO102) is no spec either; any other load error is the file's to report.
            let errors = result.diagnostics.filter { $0.severity == .error }
            if errors.allSatisfy({ $0.code == .emptyFile }), reasons.allSatisfy({ $0 != nil }) {
                let reason = reasons.compactMap { $0 }.first ?? "an empty file"
                outcomes[source.path] = .notSpec(reason)
            } else {
                candidates.append(source)
            }
        }
        // Drop the files with errors until the rest converts cleanly: a file that fails can make
        // another fail (an OpenSLO SLO whose SLI it held), which the next round reports.
        var kept: [Diagnostic] = []
        var services: [ServiceSpec] = []
        while !candidates.isEmpty {
            let round = DiagnosticCollector()
            services = frontEnd.run(candidates, diagnostics: round).services
            let errorsByFile = Dictionary(grouping: round.sorted.filter { $0.severity == .error }) { $0.location.file }
            guard !errorsByFile.isEmpty else {
                kept += round.sorted
                break
            }
            let failing = Set(errorsByFile.keys)
            // An error outside every candidate (there is none today) fails them all.
            let blameAll = !candidates.contains { failing.contains($0.path) }
            for source in candidates where blameAll || failing.contains(source.path) {
                outcomes[source.path] = .failed(errors: errorsByFile[source.path]?.count ?? 0)
            }
            kept += round.sorted.filter { blameAll || failing.contains($0.location.file) }
            candidates.removeAll { blameAll || failing.contains($0.path) }
            services = []
        }
        collector.emit(contentsOf: kept)
        let diagnostics = collector.sorted
        var result = Result(files: [], diagnostics: diagnostics, nativeServices: [], outcomes: [])
        var written: [String: [String]] = [:]
        for spec in services {
            guard spec.format != .native else {
                result.nativeServices.append(spec.service.value)
                if case .native(let names) = outcomes[spec.file] {
                    outcomes[spec.file] = .native(names + [spec.service.value])
                } else {
                    outcomes[spec.file] = .native([spec.service.value])
                }
                continue
            }
            let path = "\(spec.service.value).yaml"
            written[spec.file, default: []].append(path)
            let source = sources.first { $0.path == spec.file }
            let sourceComments = source.map {
                Self.comments(of: spec, among: services, in: $0, documents: loaded[$0.path] ?? [])
            }
            result.files.append(
                OutputFile(
                    path: path,
                    contents: renderNativeSpec(
                        spec, comments: notes(for: spec, diagnostics: diagnostics),
                        sourceComments: sourceComments ?? [],
                        source: loaded[spec.file] ?? [])))
        }
        for (file, paths) in written { outcomes[file] = .converted(paths) }
        for source in candidates where outcomes[source.path] == nil {
            // OpenSLO objects (SLIs, alert policies) that SLOs elsewhere use, or a file whose
            // SLOs were all left out with a warning.
            outcomes[source.path] = .converted([])
        }
        result.outcomes = sources.map { ($0.path, outcomes[$0.path] ?? .converted([])) }
        return result
    }

    /// What the decoder left out of this spec (unsupported SLOs, ignored keys), written as
    /// comments at the top so nobody loses it silently.
    private func notes(for spec: ServiceSpec, diagnostics: [Diagnostic]) -> [String] {
        let notes = diagnostics.filter { $0.location.file == spec.file && $0.severity == .warning }
            .map { "Not carried over (line \($0.location.line)): \($0.message)" }
        var extra: [String] = []
        if spec.format == .slothPrometheus || spec.format == .slothKubernetes {
            extra.append("Note: Sloth specs have no window; the `window:` below is the --window option's value.")
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
        return notes + extra
    }

    /// The source comments of one spec: those on its own lines and the block above it, not the
    /// ones of the file's other services.
    private static func comments(
        of spec: ServiceSpec, among services: [ServiceSpec], in source: SourceFile, documents: [YAMLDocument]
    ) -> [SourceComment] {
        let start = spec.range.start.line
        let others = services.filter { $0.file == spec.file && $0.range.start != spec.range.start }
        let previousEnd = others.map(\.range.end.line).filter { $0 <= start }.max() ?? 0
        // Comments after the last service of a file are its own; before the next one, that one's.
        let end = others.contains { $0.range.start.line > start } ? spec.range.end.line : Int.max
        return SourceComment.find(in: source, documents: documents).filter {
            $0.line > previousEnd && $0.line <= end
        }
    }
}
