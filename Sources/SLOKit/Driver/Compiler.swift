/// The whole pipeline for `slo compile`: sources in, output files and diagnostics out.
public struct Compiler: Sendable {
    public enum RuleFormat: String, Sendable, Hashable, CaseIterable {
        case prometheus
        case prometheusOperator = "prometheus-operator"
    }

    public struct Options: Sendable {
        public var formats: Set<RuleFormat> = [.prometheus]
        public var frontEnd = SpecFrontEnd()

        public init() {}
    }

    /// A file to write, relative to the output folder.
    public struct OutputFile: Sendable, Hashable {
        public var path: String
        public var contents: String
    }

    public struct Result: Sendable {
        /// Empty whenever there is an error: a failed compile writes nothing.
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        public var sloCount: Int

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func compile(_ sources: [SourceFile]) -> Result {
        let front = options.frontEnd.check(sources)
        var diagnostics = front.diagnostics
        var models: [ServiceModel] = []
        for spec in front.services {
            let (model, modelDiagnostics) = resolveModel(spec)
            models.append(model)
            diagnostics += modelDiagnostics
        }
        diagnostics.sort()
        let sloCount = models.reduce(0) { $0 + $1.slos.count }
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return Result(files: [], diagnostics: diagnostics, sloCount: sloCount)
        }
        var files: [OutputFile] = []
        for service in models.sorted(by: { $0.name < $1.name }) {
            let plan = RuleFilePlan(groups: service.slos.map(planRuleGroup))
            if options.formats.contains(.prometheus) {
                files.append(
                    OutputFile(path: "\(service.name)/rules.yml", contents: renderRuleFile(plan, source: service.file)))
            }
            if options.formats.contains(.prometheusOperator) {
                files.append(
                    OutputFile(
                        path: "\(service.name)/prometheusrule.yml",
                        contents: renderPrometheusRule(plan, service: service)))
            }
        }
        return Result(files: files, diagnostics: diagnostics, sloCount: sloCount)
    }
}
