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
    ///
    /// With `settle`, a file that decodes to one native service and nothing else is checked on its
    /// own as soon as it is read and handed to `settle` instead of being kept: nothing in other
    /// files can change it (OpenSLO v1alpha parts, which later files may join, are kept). Only its
    /// name stays, for the uniqueness check. Without `settle` every spec is kept and returned.
    func run(
        _ files: [SourceFile], diagnostics: DiagnosticCollector,
        settle: ((ServiceSpec, SourceFile) -> Void)? = nil
    ) -> (documents: DecodedDocuments, services: CheckedServices) {
        var documents: DecodedDocuments = []
        // Native services in the order they were read; a settled one leaves only its name.
        var natives: [NativeEntry] = []
        for file in files {
            let decoded = decode(file, diagnostics: diagnostics)
            let queries = QueryChecker(file: file, diagnostics: diagnostics)
            for case .native(let service) in decoded { queries.check(service) }
            if let settle, decoded.count == 1, case .native(let service) = decoded[0],
                service.format != .openSLOV1Alpha
            {
                checkService(service, diagnostics: diagnostics)
                settle(service, file)
                natives.append(.settled(service.service))
                continue
            }
            documents += decoded
            for case .native(let service) in decoded { natives.append(.spec(service)) }
        }
        natives = joinOpenSLOV1Alpha(natives)
        let objects: [OpenSLOObject] = documents.compactMap {
            if case .openSLO(let object) = $0 { object } else { nil }
        }
        let openSLOServices = resolveOpenSLO(
            objects, defaultWindow: defaults.window, diagnostics: diagnostics)
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
        let services = natives.compactMap(\.spec) + openSLOServices
        checkServiceNames(natives.map(\.name) + openSLOServices.map(\.service), diagnostics: diagnostics)
        for service in services { checkService(service, diagnostics: diagnostics) }
        return (documents, services)
    }

    /// Load and Decode of one file: its documents, in order.
    private func decode(_ file: SourceFile, diagnostics: DiagnosticCollector) -> DecodedDocuments {
        let decoder = SpecDecoder(limits: limits, defaultImportWindow: defaults.window, diagnostics: diagnostics)
        return YAMLLoader(limits: limits).load(file, diagnostics: diagnostics).flatMap(decoder.decodeAll)
    }

    /// A native service as `run` keeps it: the spec, or only the name once it is settled.
    private enum NativeEntry {
        case spec(ServiceSpec)
        case settled(Located<String>)

        var spec: ServiceSpec? { if case .spec(let spec) = self { spec } else { nil } }

        var name: Located<String> {
            switch self {
            case .spec(let spec): spec.service
            case .settled(let name): name
            }
        }
    }

    /// OpenSLO v1alpha's one-SLO documents of one service, joined into the first of them.
    private func joinOpenSLOV1Alpha(_ natives: [NativeEntry]) -> [NativeEntry] {
        var joined: [NativeEntry] = []
        for entry in natives {
            if case .spec(let spec) = entry, spec.format == .openSLOV1Alpha,
                let index = joined.firstIndex(where: {
                    $0.spec?.format == .openSLOV1Alpha && $0.spec?.service.value == spec.service.value
                }), case .spec(var first) = joined[index]
            {
                first.slos += spec.slos
                joined[index] = .spec(first)
                continue
            }
            joined.append(entry)
        }
        return joined
    }

    /// Checks the sources and resolves every service: what report and doctor start from.
    /// The models are only usable when `diagnostics` has no error.
    func models(_ sources: [SourceFile], diagnostics: DiagnosticCollector) -> ResolvedServices {
        services(sources, rereading: false, diagnostics: diagnostics).map(model)
    }

    /// Checks the sources and resolves every service (which reports the models' own diagnostics).
    ///
    /// With `rereading`, a service that is alone in its file keeps only its name and SLO count: its
    /// model is rebuilt from the file by ``model(_:)`` when needed. A spec tree and a model take
    /// about 4 KB per SLO each, so at 100,000 SLOs holding every model until the last file is
    /// written cost some 400 MB; reading a file again costs about 5% of a compile. The rest are
    /// held as models, and each spec is released as soon as its model is built.
    func services(
        _ sources: [SourceFile], rereading: Bool, diagnostics: DiagnosticCollector
    ) -> [CheckedService] {
        var checked: [CheckedService] = []
        var settle: ((ServiceSpec, SourceFile) -> Void)?
        if rereading {
            settle = { spec, file in
                let model = resolve(spec, diagnostics: diagnostics)
                checked.append(CheckedService(name: model.name, sloCount: model.slos.count, origin: .source(file)))
            }
        }
        var specs = run(sources, diagnostics: diagnostics, settle: settle).services
        checked.reserveCapacity(checked.count + specs.count)
        for index in specs.indices {
            let model = resolve(specs[index], diagnostics: diagnostics)
            checked.append(CheckedService(name: model.name, sloCount: model.slos.count, origin: .model(model)))
            specs[index].slos = []
        }
        return checked
    }

    /// The service's model: the one held, or rebuilt from its file exactly as it was checked.
    func model(_ service: CheckedService) -> ServiceModel {
        switch service.origin {
        case .model(let model):
            return model
        case .source(let file):
            // Its diagnostics were reported when it was checked.
            let quiet = DiagnosticCollector()
            let decoded = decode(file, diagnostics: quiet)
            guard decoded.count == 1, case .native(let spec) = decoded[0], spec.service.value == service.name else {
                preconditionFailure("\(file.path) no longer holds service \(service.name)")
            }
            return resolve(spec, diagnostics: quiet)
        }
    }

    private func resolve(_ spec: ServiceSpec, diagnostics: DiagnosticCollector) -> ServiceModel {
        var model = resolveModel(spec, defaults: defaults, diagnostics: diagnostics)
        model.file = sourceNames[model.file] ?? model.file
        return model
    }
}

/// A service that passed the front end, as the compiler keeps it until it is rendered.
struct CheckedService: Sendable {
    enum Origin: Sendable {
        case model(ServiceModel)
        /// Alone in this file: rebuilt from it when rendered (`SpecFrontEnd.model`).
        case source(SourceFile)
    }

    var name: String
    var sloCount: Int
    var origin: Origin
}
