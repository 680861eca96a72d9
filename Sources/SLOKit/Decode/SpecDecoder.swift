/// Limits on what one spec may declare, beyond the loader's byte-level ones.
public struct SpecLimits: Sendable {
    public var maxSLOsPerService = 1_000
    public var maxLabels = 64

    public init() {}
}

/// A decoded document, in the format it was written in.
public enum SpecDocument: Sendable {
    case native(ServiceSpec)
}

/// Detects each document's format from `version:` / `apiVersion:` + `kind:` and decodes it.
final class SpecDecoder {
    let reader = NodeReader()
    let limits: SpecLimits

    static let nativeVersion = "slo/v1"

    init(limits: SpecLimits) {
        self.limits = limits
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
        let versionPair = pairs.first { $0.keyText == "version" }
        guard let versionPair, case .scalar(let version) = versionPair.value.kind, !versionPair.value.isNull else {
            let location = versionPair?.value.location ?? root.location
            reader.error(
                .missingVersion, "the spec has no `version`; add `version: \(Self.nativeVersion)` as its first line",
                at: location)
            return nil
        }
        switch version.value {
        case Self.nativeVersion:
            guard let fields = reader.mapping(root, "a `\(Self.nativeVersion)` spec", allowed: NativeKeys.document),
                let spec = decodeServiceSpec(root, fields: fields, file: document.file)
            else { return nil }
            return .native(spec)
        default:
            var message = "unknown version `\(version.value)`; write `version: \(Self.nativeVersion)`"
            if version.value.hasPrefix("slo/") { message += " (the only version of this format so far)" }
            reader.error(.unknownVersion, message, at: versionPair.value.location)
            return nil
        }
    }
}
