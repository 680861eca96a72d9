/// A decoded document, in the format it was written in.
enum SpecDocument: Sendable {
    /// A service: `slo/v1`, or a Sloth or OpenSLO v1alpha spec decoded into the same tree.
    case native(ServiceSpec)
    /// An OpenSLO v1 object; services are assembled from them once every file is read.
    case openSLO(OpenSLOObject)
}

/// Detects each document's format from `version:` / `apiVersion:` + `kind:` and decodes it.
final class SpecDecoder {
    let reader: NodeReader
    let limits: InputLimits

    static let nativeVersion = "slo/v1"
    /// The project config's version: a folder walk that meets `slo.yaml` skips it, not a spec.
    static let projectConfigVersion = "slo-project/v1"

    /// The SLO window of imported specs that have none (Sloth's `--default-slo-period`; `--window`).
    let defaultImportWindow: DurationValue

    init(limits: InputLimits, defaultImportWindow: DurationValue = .days(30), diagnostics: DiagnosticCollector) {
        self.limits = limits
        self.defaultImportWindow = defaultImportWindow
        reader = NodeReader(diagnostics: diagnostics)
    }

    /// The documents of one YAML document: OpenSLO files may hold a list of objects.
    func decodeAll(_ document: YAMLDocument) -> [SpecDocument] {
        if case .sequence(let items) = document.root.kind, !items.isEmpty,
            items.allSatisfy({ $0.pair("apiVersion") != nil })
        {
            return items.compactMap { decode(YAMLDocument(root: $0, file: document.file)) }
        }
        return decode(document).map { [$0] } ?? []
    }

    func decode(_ document: YAMLDocument) -> SpecDocument? {
        let root = document.root
        guard case .mapping(let pairs) = root.kind else {
            reader.error(
                .wrongType,
                "a spec must be a mapping starting with `version: \(Self.nativeVersion)`, not \(root.kindName)",
                at: root.location)
            return nil
        }
        if let apiVersion = pairs.first(where: { $0.keyText == "apiVersion" }),
            !pairs.contains(where: { $0.keyText == "version" })
        {
            return decodeResource(root, apiVersion: apiVersion, file: document.file)
        }
        let versionPair = pairs.first { $0.keyText == "version" }
        guard let versionPair, case .scalar(let version) = versionPair.value.kind, !versionPair.value.isNull else {
            let location = versionPair?.value.location ?? root.location
            reader.error(
                .missingVersion, "the spec has no `version`; add `version: \(Self.nativeVersion)` as its first line",
                at: location)
            return nil
        }
        switch version.value {
        case Self.projectConfigVersion:
            return nil
        case Self.nativeVersion:
            guard
                let fields = reader.mapping(
                    root, "a `\(Self.nativeVersion)` spec", allowed: NativeKeys.document, homes: NativeKeys.homes),
                let spec = decodeServiceSpec(root, fields: fields, file: document.file)
            else { return nil }
            return .native(spec)
        case Self.slothVersion:
            return decodeSlothSpec(root, body: root, file: document.file, kubernetes: false).map { .native($0) }
        default:
            var message = "unknown version `\(version.value)`; write `version: \(Self.nativeVersion)`"
            if version.value.hasPrefix("slo/") { message += " (the only version of this format so far)" }
            if version.value.hasPrefix("prometheus/") {
                message += ", or `version: \(Self.slothVersion)` for a Sloth spec"
            }
            // A version of this format (`slo/v2`) can only mean this one; other formats are guesses.
            let fixIt: Diagnostic.FixIt? =
                version.value.hasPrefix("slo/")
                ? .init(replacing: versionPair.value.range, with: Self.nativeVersion) : nil
            reader.error(.unknownVersion, message, at: versionPair.value.location, fixIt: fixIt)
            return nil
        }
    }
}

extension SpecDecoder {
    /// A Kubernetes-style document (`apiVersion` + `kind`): Sloth's resource or OpenSLO.
    fileprivate func decodeResource(_ root: YAMLNode, apiVersion: YAMLPair, file: String) -> SpecDocument? {
        guard let version = reader.string(apiVersion.value, "`apiVersion`") else { return nil }
        let kind = root.pair("kind").flatMap { pair -> String? in
            if case .scalar(let scalar) = pair.value.kind { return scalar.value }
            return nil
        }
        let supported =
            "`\(Self.slothAPIVersion)` (`PrometheusServiceLevel`), `\(Self.openSLOVersion)` or `\(Self.openSLOAlphaVersion)` (`SLO`, `Service`)"
        switch (version.value, kind) {
        case (Self.slothAPIVersion, "PrometheusServiceLevel"):
            guard
                let fields = reader.mapping(
                    root, "a `PrometheusServiceLevel`", allowed: ["apiVersion", "kind", "metadata", "spec"],
                    unknownKeys: .warning),
                let spec = fields.required("spec", hint: "the service level: `service`, `labels`, `slos`")
            else { return nil }
            guard var service = decodeSlothSpec(root, body: spec, file: file, kubernetes: true) else { return nil }
            if let metadata = fields.required("metadata", hint: "`name` and `namespace` of the resource").flatMap({
                reader.mapping(
                    $0, "`metadata`", allowed: ["name", "namespace", "labels", "annotations"], unknownKeys: .warning)
            }),
                let name = metadata.required("name", hint: "the resource's name").flatMap({
                    reader.string($0, "`name`")
                })
            {
                service.kubernetesMetadata = KubernetesMetadata(
                    name: name.value,
                    namespace: metadata["namespace"].flatMap { reader.string($0, "`namespace`") }?.value)
            }
            return .native(service)
        case (Self.openSLOAlphaVersion, "SLO"):
            guard
                let fields = reader.mapping(
                    root, "an OpenSLO `SLO`", allowed: ["apiVersion", "kind", "metadata", "spec"],
                    unknownKeys: .warning)
            else { return nil }
            return decodeOpenSLOAlphaSLO(root, fields: fields, file: file).map { .native($0) }
        case (Self.openSLOAlphaVersion, "Service"):
            return nil
        case (Self.openSLOVersion, _):
            return decodeOpenSLOObject(root, file: file).map { .openSLO($0) }
        case (_, nil):
            reader.error(.missingField, "a resource with `apiVersion` needs `kind`", at: root.location)
            return nil
        case (_, let kind?):
            reader.error(
                .unsupportedKind,
                "`apiVersion: \(version.value)` with `kind: \(kind)` is not a format slo reads; use \(supported), or `version: slo/v1`",
                at: apiVersion.value.location)
            return nil
        }
    }
}

extension SpecDecoder {
    /// Why a document is no SLO spec at all (a Prometheus rule file, another Kubernetes object,
    /// the project config), or nil when it is one or claims to be (`version:`, or an SLO tool's
    /// `apiVersion:`): `slo convert` then skips the file with that reason instead of asking for a
    /// `version:` it was never meant to have.
    static func nonSpecReason(_ root: YAMLNode) -> String? {
        func text(_ key: String) -> String? {
            guard let pair = root.pair(key), case .scalar(let scalar) = pair.value.kind else { return nil }
            return scalar.value
        }
        switch root.kind {
        case .scalar: return "a YAML scalar, not a mapping"
        case .sequence(let items):
            if !items.isEmpty, items.allSatisfy({ $0.pair("apiVersion") != nil }) {
                return items.allSatisfy({ nonSpecReason($0) != nil })
                    ? "a list of Kubernetes objects of other kinds" : nil
            }
            return "a YAML list"
        case .mapping: break
        }
        if let version = text("version") {
            return version == projectConfigVersion ? "the project config (`version: \(projectConfigVersion)`)" : nil
        }
        if root.pair("version") != nil { return nil }
        if let apiVersion = text("apiVersion") {
            if apiVersion == slothAPIVersion || apiVersion.hasPrefix("openslo/") { return nil }
            let kind = text("kind").map { "`\($0)` " } ?? ""
            return "a Kubernetes object \(kind)(`apiVersion: \(apiVersion)`)"
        }
        if root.pair("groups") != nil { return "a Prometheus rule file (`groups:`)" }
        if root.pair("apiVersion") != nil { return nil }
        return "a YAML file without `version:` or `apiVersion:`"
    }
}
