/// Turns a file's bytes into located YAML documents, or diagnostics that say why it cannot.
///
/// Byte-level problems (size, NUL, invalid UTF-8) are found before libyaml sees the input, so they
/// get exact positions and libyaml never reads hostile bytes. Everything libyaml leaves unchecked
/// (nesting depth, alias expansion, duplicate keys) is checked while composing the tree.
struct YAMLLoader: Sendable {
    var limits: InputLimits

    init(limits: InputLimits = InputLimits()) {
        self.limits = limits
    }

    struct Result: Sendable {
        var documents: [YAMLDocument]
        var diagnostics: [Diagnostic]
    }

    /// Loads one file for tests and tools that look at one stage: its documents and diagnostics.
    func load(_ file: SourceFile) -> Result {
        let diagnostics = DiagnosticCollector()
        let documents = load(file, diagnostics: diagnostics)
        return Result(documents: documents, diagnostics: diagnostics.diagnostics)
    }

    /// The file's documents; every problem goes to `diagnostics`. No documents when the file
    /// cannot be read as YAML at all.
    func load(_ file: SourceFile, diagnostics: DiagnosticCollector) -> [YAMLDocument] {
        let start = SourceLocation(file: file.path, line: 1, column: 1)
        if file.bytes.count > limits.maxFileBytes {
            diagnostics.error(
                .fileTooLarge,
                "file is larger than the limit of \(limits.maxFileBytes) bytes; split the service's SLOs across several files",
                at: start)
            return []
        }
        if let problem = ByteScan.firstProblem(in: file) {
            diagnostics.emit(problem)
            return []
        }
        diagnostics.emit(contentsOf: ByteScan.warnings(in: file))
        let isBlank = file.bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard !isBlank else {
            diagnostics.error(
                .emptyFile, "file is empty; a spec starts with `version: slo/v1` and `service: NAME`", at: start)
            return []
        }
        let errorsBefore = diagnostics.errorCount
        var composer = YAMLComposer(file: file, limits: limits, diagnostics: diagnostics)
        let documents = composer.compose()
        if documents.isEmpty, diagnostics.errorCount == errorsBefore {
            diagnostics.error(
                .emptyFile, "file holds no YAML document, only comments; a spec starts with `version: slo/v1`",
                at: start)
        }
        return documents
    }
}
