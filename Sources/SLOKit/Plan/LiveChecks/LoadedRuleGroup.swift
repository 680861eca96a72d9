/// A rule group as Prometheus runs it (`/api/v1/rules`): what `slo doctor` compares with the
/// compiled groups and whose health it reads.
struct LoadedRuleGroup: Sendable {
    struct Rule: Sendable {
        var isAlert: Bool
        var name: String
        var query: String
        var labels: [String: String]
        /// `for`, in seconds (0 for recording rules and alerts without one).
        var forSeconds: Double
        var health: String
        var lastError: String?
    }

    var name: String
    var file: String
    var intervalSeconds: Double
    var evaluationSeconds: Double
    /// RFC 3339; nil before the first evaluation.
    var lastEvaluation: Int64?
    var rules: [Rule]

    /// The groups of a `/api/v1/rules` answer (`data.groups`).
    static func groups(_ answer: JSONValue) -> [LoadedRuleGroup] {
        (answer["data"]?["groups"]?.arrayValue ?? []).map { group in
            LoadedRuleGroup(
                name: group["name"]?.stringValue ?? "", file: group["file"]?.stringValue ?? "",
                intervalSeconds: group["interval"]?.numberValue ?? 0,
                evaluationSeconds: group["evaluationTime"]?.numberValue ?? 0,
                lastEvaluation: group["lastEvaluation"]?.stringValue.flatMap(Self.time),
                rules: (group["rules"]?.arrayValue ?? []).map { rule in
                    Rule(
                        isAlert: rule["type"]?.stringValue == "alerting", name: rule["name"]?.stringValue ?? "",
                        query: rule["query"]?.stringValue ?? "", labels: rule["labels"]?.stringMap ?? [:],
                        forSeconds: rule["duration"]?.numberValue ?? 0, health: rule["health"]?.stringValue ?? "",
                        lastError: rule["lastError"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
                })
        }
    }

    /// Whole seconds of an RFC 3339 time with optional fraction and zone (`2026-11-30T22:10:01.5+01:00`).
    private static func time(_ text: String) -> Int64? {
        guard text.count >= 20, !text.hasPrefix("0001-") else { return nil }
        let base = String(text.prefix(19))
        var rest = text.dropFirst(19)
        if rest.first == "." { rest = rest.drop { $0 == "." || $0.isNumber } }
        var offset: Int64 = 0
        if rest != "Z" {
            let sign: Int64 = rest.first == "-" ? -1 : 1
            let digits = rest.dropFirst().split(separator: ":").compactMap { Int64($0) }
            guard digits.count == 2 else { return nil }
            offset = sign * (digits[0] * 3600 + digits[1] * 60)
        }
        return UTCTime.parse(base + "Z").map { $0 - offset }
    }
}
