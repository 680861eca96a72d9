import Foundation
import Testing

@testable import SLOKit

/// Hostile strings in user-controlled fields produce rules promtool accepts, whose label values and
/// annotations read back exactly as written.
@Suite struct InjectionTests {
    static let hostile: [String] = [
        "quote \" and 'single'", "back\\slash \\n not a newline", "new\nline", "dollar $value and ${x}",
        "braces }} and { alone", "ünïcödé ✓ 日本語", "yes", "true", "~", "0x1F", "1:30", "- dash", "# hash",
        "<script>alert(1)</script> | pipe", "back`tick <script>x</script> `", "tab\there", "  leading and trailing  ",
    ]

    @Test func hostileLabelAndAnnotationValuesRoundTrip() async throws {
        var labels: [(String, String)] = []
        for (index, value) in Self.hostile.enumerated() { labels.append(("l\(index)", value)) }
        let spec: YAMLValue = .mapping([
            ("version", .string("slo/v1")), ("service", .string("hostile")),
            ("description", .string(Self.hostile.joined(separator: " / "))),
            ("labels", .mapping(labels.map { ($0.0, .string($0.1)) })),
            (
                "alerting",
                .mapping([
                    ("annotations", .mapping(labels.map { ($0.0, .string($0.1)) })),
                    ("page", .mapping([("labels", .mapping([("severity", .string("crit\"ical\n"))]))])),
                ])
            ),
            (
                "slos",
                .sequence([
                    .mapping([
                        ("name", .string("availability")), ("objective", .number(99.9)),
                        ("description", .string("desc | <b>bold</b>\nsecond line")),
                        (
                            "sli",
                            .mapping([
                                ("errors", .string("x_total{code=~\"5..\",path=\"/a\\\"b\"}")),
                                ("total", .string("x_total{path=\"/a\\\"b\"}")),
                            ])
                        ),
                    ])
                ])
            ),
        ])
        let text = YAMLEmitter.emit(spec)
        let result = Compiler().compile([SourceFile(path: "hostile.yaml", text: text)])
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))\n\(text)")
        let rules = try #require(result.files.first { $0.path == "hostile/rules.yml" }).contents
        let scratch = try ScratchFolder()
        let path = try scratch.write("rules.yml", rules)
        let check = try await Promtool.run(["check", "rules", path])
        #expect(check.status == 0, "\(check.output)")

        // Read the file back with our own loader and compare every label and annotation value.
        let loaded = YAMLLoader().load(SourceFile(path: "rules.yml", text: rules))
        #expect(loaded.diagnostics.isEmpty)
        var seenLabels = 0
        var seenAnnotations = 0
        func visit(_ node: YAMLNode, key: String?) {
            switch node.kind {
            case .mapping(let pairs):
                for pair in pairs {
                    if pair.keyText == "labels" || pair.keyText == "annotations",
                        case .mapping(let entries) = pair.value.kind
                    {
                        for entry in entries {
                            guard case .scalar(let scalar) = entry.value.kind, entry.keyText.hasPrefix("l"),
                                let index = Int(entry.keyText.dropFirst())
                            else { continue }
                            #expect(
                                scalar.value == Self.hostile[index], "\(entry.keyText) read back as \(scalar.value)")
                            if pair.keyText == "labels" { seenLabels += 1 } else { seenAnnotations += 1 }
                        }
                    }
                    visit(pair.value, key: pair.keyText)
                }
            case .sequence(let items):
                for item in items { visit(item, key: key) }
            case .scalar:
                break
            }
        }
        for document in loaded.documents { visit(document.root, key: nil) }
        #expect(seenLabels >= Self.hostile.count * 10, "labels checked: \(seenLabels)")
        #expect(seenAnnotations >= Self.hostile.count * 2, "annotations checked: \(seenAnnotations)")

        // Documents keep the markup inert: escaped in HTML, escaped or inside code spans in Markdown.
        for file in result.files where file.path.hasSuffix(".md") || file.path.hasSuffix(".html") {
            let prose = file.path.hasSuffix(".md") ? Self.withoutCodeSpans(file.contents) : file.contents
            #expect(!prose.contains("<script>"), "\(file.path) contains live markup")
            #expect(!prose.contains("<b>bold</b>"), "\(file.path) contains live markup")
        }
    }

    /// Markdown with every code span (a run of N backticks up to the next run of N) removed.
    static func withoutCodeSpans(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        func run(at position: Int) -> Int {
            var end = position
            while end < scalars.count, scalars[end] == "`" { end += 1 }
            return end - position
        }
        while index < scalars.count {
            guard scalars[index] == "`" else {
                out.append(scalars[index])
                index += 1
                continue
            }
            let length = run(at: index)
            var search = index + length
            var closed = false
            while search < scalars.count {
                if scalars[search] == "`" {
                    let other = run(at: search)
                    if other == length {
                        index = search + other
                        closed = true
                        break
                    }
                    search += other
                } else {
                    search += 1
                }
            }
            if !closed {
                for _ in 0..<length { out.append("`") }
                index += length
            }
        }
        return String(out)
    }
}
