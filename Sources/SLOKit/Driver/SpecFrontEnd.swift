/// Load → Decode → Check for a set of files: the specs that survived and every diagnostic.
public struct SpecFrontEnd: Sendable {
    public var loadLimits = LoadLimits()
    public var specLimits = SpecLimits()

    public init() {}

    public struct Result: Sendable {
        public var documents: [SpecDocument]
        public var diagnostics: [Diagnostic]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

        /// Native services first, then those assembled from OpenSLO v1 objects.
        public var services: [ServiceSpec]
    }

    public func check(_ files: [SourceFile]) -> Result {
        let collector = DiagnosticCollector()
        var documents: [SpecDocument] = []
        let loader = YAMLLoader(limits: loadLimits)
        for file in files {
            let loaded = loader.load(file)
            collector.emit(contentsOf: loaded.diagnostics)
            let decoder = SpecDecoder(limits: specLimits)
            var queries = QueryChecker(file: file)
            for document in loaded.documents {
                for spec in decoder.decodeAll(document) {
                    documents.append(spec)
                    if case .native(let service) = spec { queries.check(service) }
                }
            }
            collector.emit(contentsOf: decoder.reader.diagnostics)
            collector.emit(contentsOf: queries.diagnostics)
        }
        var services: [ServiceSpec] = []
        for case .native(let spec) in documents {
            // OpenSLO v1alpha writes one SLO per document: SLOs of one service form one service.
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
        let objects: [OpenSLOObject] = documents.compactMap {
            if case .openSLO(let object) = $0 { object } else { nil }
        }
        let (openSLOServices, openSLODiagnostics) = resolveOpenSLO(
            objects, defaultWindow: specLimits.defaultImportWindow)
        services += openSLOServices
        collector.emit(contentsOf: openSLODiagnostics)
        // An OpenSLO SLO's queries live in its SLI's file, which may be another than the SLO's.
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for service in openSLOServices {
            for slo in service.slos {
                guard let file = byPath[slo.sli.range.start.file] else { continue }
                var queries = QueryChecker(file: file)
                var single = service
                single.slos = [slo]
                queries.check(single)
                collector.emit(contentsOf: queries.diagnostics)
            }
        }
        var result = Result(documents: documents, diagnostics: [], services: services)
        collector.emit(contentsOf: checkSpecs(result.services))
        result.diagnostics = collector.sorted
        return result
    }
}

extension SpecFrontEnd {
    /// Checks the sources and resolves every service: what compile and report both start from.
    /// Diagnostics come sorted; the models are only usable when none of them is an error.
    func models(_ sources: [SourceFile]) -> (models: [ServiceModel], diagnostics: [Diagnostic]) {
        let front = check(sources)
        var diagnostics = front.diagnostics
        var models: [ServiceModel] = []
        for spec in front.services {
            let (model, modelDiagnostics) = resolveModel(spec)
            models.append(model)
            diagnostics += modelDiagnostics
        }
        diagnostics.sort()
        return (models, diagnostics)
    }
}
