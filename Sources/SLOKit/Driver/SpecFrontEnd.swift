/// What crosses each stage boundary, named once (openapi-generator's shape): a driver passes the
/// value on from one stage to the next, and every stage emits into the same `DiagnosticCollector`.
///
/// Load → Decode: the located YAML documents of one file.
typealias LoadedDocuments = [YAMLDocument]
/// Decode → Check: every decoded document, in the format it was written in.
typealias DecodedDocuments = [SpecDocument]
/// Check → Model: the services that survived, native ones first, then those assembled from
/// OpenSLO v1 objects.
typealias CheckedServices = [ServiceSpec]
/// Model → Plan: every service resolved, defaults and inheritance applied.
typealias ResolvedServices = [ServiceModel]

/// Load → Decode → Check for a set of files: the specs that survived and every diagnostic.
///
/// A driver, not a stage: it runs the first three stages in order and hands their output on.
public struct SpecFrontEnd: Sendable {
    public var limits = InputLimits()
    /// What the project config sets for every spec (`ProjectConfig.frontEnd` fills it in); its
    /// window is also that of imported specs without one.
    var defaults = ProjectDefaults()
    /// How generated files name each source, by the path diagnostics use: relative to the
    /// project's folder, so `slo`, `./slo/` and an absolute path give the same output. A source
    /// not listed is named by its path.
    public var sourceNames: [String: String] = [:]

    public init() {}

    /// The checked specs and every diagnostic about them, for the fuzzers and tests; callers
    /// check through `Compiler.check`, which also resolves the models (and their warnings).
    struct Result: Sendable {
        var documents: [SpecDocument]
        /// Sorted by file and position.
        var diagnostics: [Diagnostic]

        var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

        /// Native services first, then those assembled from OpenSLO v1 objects.
        var services: [ServiceSpec]
    }

    /// Load, Decode and Check every file; every finding goes to `diagnostics` (a fresh collector by
    /// default) and comes back sorted in the result.
    func check(_ files: [SourceFile], diagnostics: DiagnosticCollector = DiagnosticCollector()) -> Result {
        let (documents, services) = run(files, diagnostics: diagnostics)
        return Result(documents: documents, diagnostics: diagnostics.sorted, services: services)
    }

    /// The stages in order, each handing its output to the next.
    func run(
        _ files: [SourceFile], diagnostics: DiagnosticCollector
    ) -> (documents: DecodedDocuments, services: CheckedServices) {
        var documents: DecodedDocuments = []
        let loader = YAMLLoader(limits: limits)
        for file in files {
            let loaded: LoadedDocuments = loader.load(file, diagnostics: diagnostics)
            let decoder = SpecDecoder(limits: limits, defaultImportWindow: defaults.window, diagnostics: diagnostics)
            let queries = QueryChecker(file: file, diagnostics: diagnostics)
            for document in loaded {
                for spec in decoder.decodeAll(document) {
                    documents.append(spec)
                    if case .native(let service) = spec { queries.check(service) }
                }
            }
        }
        var services = nativeServices(documents)
        let objects: [OpenSLOObject] = documents.compactMap {
            if case .openSLO(let object) = $0 { object } else { nil }
        }
        let openSLOServices = resolveOpenSLO(
            objects, defaultWindow: defaults.window, diagnostics: diagnostics)
        services += openSLOServices
        // An OpenSLO SLO's queries live in its SLI's file, which may be another than the SLO's.
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for service in openSLOServices {
            for slo in service.slos {
                guard let file = byPath[slo.sli.range.start.file] else { continue }
                var single = service
                single.slos = [slo]
                QueryChecker(file: file, diagnostics: diagnostics).check(single)
            }
        }
        checkSpecs(services, diagnostics: diagnostics)
        return (documents, services)
    }

    /// The native services, with OpenSLO v1alpha's one-SLO documents of one service joined.
    private func nativeServices(_ documents: DecodedDocuments) -> CheckedServices {
        var services: CheckedServices = []
        for case .native(let spec) in documents {
            if spec.format == .openSLOV1Alpha,
                let index = services.firstIndex(where: {
                    $0.format == .openSLOV1Alpha && $0.service.value == spec.service.value
                })
            {
                services[index].slos += spec.slos
                continue
            }
            services.append(spec)
        }
        return services
    }

    /// Checks the sources and resolves every service: what compile and report both start from.
    /// The models are only usable when `diagnostics` has no error.
    ///
    /// Each spec is released as soon as its model exists (the decoded documents already are): a
    /// spec tree and its models take about as much memory as each other, so at 100,000 SLOs
    /// holding both cost some 400 MB more at the peak than holding one.
    func models(_ sources: [SourceFile], diagnostics: DiagnosticCollector) -> ResolvedServices {
        var specs = run(sources, diagnostics: diagnostics).services
        var models: ResolvedServices = []
        models.reserveCapacity(specs.count)
        for index in specs.indices {
            var model = resolveModel(specs[index], defaults: defaults, diagnostics: diagnostics)
            model.file = sourceNames[model.file] ?? model.file
            models.append(model)
            specs[index].slos = []
        }
        return models
    }
}
