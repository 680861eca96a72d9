/// Load → Decode → Check for a set of files: the specs that survived and every diagnostic.
public struct SpecFrontEnd: Sendable {
    public var loadLimits = LoadLimits()
    public var specLimits = SpecLimits()

    public init() {}

    public struct Result: Sendable {
        public var documents: [SpecDocument]
        public var diagnostics: [Diagnostic]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

        public var services: [ServiceSpec] {
            documents.map { document in
                switch document {
                case .native(let spec): spec
                }
            }
        }
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
                guard let spec = decoder.decode(document) else { continue }
                documents.append(spec)
                if case .native(let service) = spec { queries.check(service) }
            }
            collector.emit(contentsOf: decoder.reader.diagnostics)
            collector.emit(contentsOf: queries.diagnostics)
        }
        var result = Result(documents: documents, diagnostics: [])
        collector.emit(contentsOf: checkSpecs(result.services))
        result.diagnostics = collector.sorted
        return result
    }
}
