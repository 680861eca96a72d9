import Foundation
import Testing

@testable import SLOKit

/// Our verdict on annotation templates matches promtool's, template by template (the diagnostic
/// itself is tested in the fast tier, `AnnotationDiagnosticTests`).
@Suite struct AnnotationTemplateTests {
    static let templates: [String] = [
        "plain text", "{{ $labels.route }} is slow", "{{$labels.instance}}", "{{ $value | humanizePercentage }}",
        "{{ printf \"%.2f\" $value }}", "{{ if gt $value 0.5 }}high{{ else }}low{{ end }}",
        "{{ range query \"up\" }}{{ .Labels.instance }}{{ end }}", "{{- $labels.job -}}", "}} stray braces {",
        "{{ \"{{\" }} literal braces", "{{ humanizeDuration 90 }}", "{{ $externalLabels.cluster }}",
        "{{ oops", "{{ }}", "{{ $labels.route ", "{{ notAFunction $value }}", "{{ if true }}unclosed",
        "{{ end }}", "{{ printf \"%s\" ( $value }}", "{{ \"unterminated }}",
    ]

    @Test func verdictsMatchPromtool() async throws {
        let scratch = try ScratchFolder()
        var commands: [[String]] = []
        for (index, template) in Self.templates.enumerated() {
            let rules = YAMLEmitter.emit(
                .mapping([
                    (
                        "groups",
                        .sequence([
                            .mapping([
                                ("name", .string("g")),
                                (
                                    "rules",
                                    .sequence([
                                        .mapping([
                                            ("alert", .string("A")), ("expr", .string("up == 0")),
                                            ("annotations", .mapping([("summary", .string(template))])),
                                        ])
                                    ])
                                ),
                            ])
                        ])
                    )
                ]))
            commands.append(["check", "rules", try scratch.write("t\(index).yml", rules)])
        }
        let outcomes = try await Promtool.runAll(commands)
        for (template, outcome) in zip(Self.templates, outcomes) {
            let ours = AnnotationTemplate.problem(in: template) == nil
            #expect(
                ours == (outcome.status == 0),
                "`\(template)`: we say \(ours ? "valid" : "invalid"), promtool \(outcome.output.suffix(300))")
        }
    }
}
