/// Turns a file's bytes into located YAML documents, or diagnostics that say why it cannot.
///
/// Byte-level problems (size, NUL, invalid UTF-8) are found before libyaml sees the input, so they
/// get exact positions and libyaml never reads hostile bytes. Everything libyaml leaves unchecked
/// (nesting depth, alias expansion, duplicate keys) is checked while composing the tree.
public struct YAMLLoader: Sendable {
    public var limits: LoadLimits

    public init(limits: LoadLimits = LoadLimits()) {
        self.limits = limits
    }

    public struct Result: Sendable {
        public var documents: [YAMLDocument]
        public var diagnostics: [Diagnostic]
    }

    public func load(_ file: SourceFile) -> Result {
        var diagnostics: [Diagnostic] = []
        let start = SourceLocation(file: file.path, line: 1, column: 1)
        if file.bytes.count > limits.maxFileBytes {
            diagnostics.append(
                .error(
                    .fileTooLarge,
                    "file is larger than the limit of \(limits.maxFileBytes) bytes; split the service's SLOs across several files",
                    at: start))
            return Result(documents: [], diagnostics: diagnostics)
        }
        if let problem = ByteScan.firstProblem(in: file) {
            diagnostics.append(problem)
            return Result(documents: [], diagnostics: diagnostics)
        }
        diagnostics += ByteScan.warnings(in: file)
        let isBlank = file.bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard !isBlank else {
            diagnostics.append(
                .error(.emptyFile, "file is empty; a spec starts with `version: slo/v1` and `service: NAME`", at: start)
            )
            return Result(documents: [], diagnostics: diagnostics)
        }
        var composer = YAMLComposer(file: file, limits: limits)
        let documents = composer.compose()
        diagnostics += composer.diagnostics
        if documents.isEmpty, !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(
                .error(
                    .emptyFile, "file holds no YAML document, only comments; a spec starts with `version: slo/v1`",
                    at: start))
        }
        return Result(documents: documents, diagnostics: diagnostics)
    }
}
