import Foundation
import Testing

@testable import SLOKit

/// `slo convert` output compiles to byte-identical rules: rule files name the service, not the
/// spec file they came from.
@Suite struct ConvertTests {
    static func rules(_ sources: [SourceFile]) -> [String: String] {
        var options = Compiler.Options()
        options.formats = [.prometheus]
        let result = Compiler(options: options).compile(sources)
        var rules: [String: String] = [:]
        for file in result.files where file.path.hasSuffix("/rules.yml") {
            rules[file.path] = file.contents
        }
        return rules
    }

    static func check(_ sources: [SourceFile]) {
        let converted = Converter().convert(sources)
        #expect(!converted.hasErrors, "\(converted.diagnostics.map(\.message))")
        let native = converted.files.map { SourceFile(path: "converted/\($0.path)", bytes: Array($0.contents.utf8)) }
        let reread = SpecFrontEnd().check(native)
        #expect(reread.diagnostics.isEmpty, "\(reread.diagnostics.map { "\($0.location): \($0.message)" })")
        let original = rules(sources)
        #expect(rules(native) == original)
        #expect(original.count == converted.files.count)
    }

    static var inputs: [String] {
        SlothInteropTests.pairs.map(\.input) + Fixtures.anchorFiles(in: "sloth/validate/good")
    }

    @Test(.needsAnchors, arguments: inputs)
    func slothSpecConvertsToTheSameRules(_ path: String) throws {
        Self.check([try Fixtures.anchor(path)])
    }

    /// Every comment of every Sloth example survives conversion (the converted file still
    /// decodes and compiles to the same rules: `slothSpecConvertsToTheSameRules`).
    @Test(.needsAnchors, arguments: inputs)
    func sourceCommentsAreCarriedOver(_ path: String) throws {
        let source = try Fixtures.anchor(path)
        let comments = SourceComment.find(in: source, documents: YAMLLoader().load(source).documents)
        let output = Converter().convert([source]).files.map(\.contents).joined()
        for comment in comments {
            #expect(output.contains(comment.text), "\(path):\(comment.line): lost \(comment.text)")
        }
    }

    @Test func commentsInsideValuesStayValues() throws {
        let source = SourceFile(
            path: "sloth.yaml",
            text: """
                # header
                version: prometheus/v1
                service: svc  # the service
                slos:
                  - name: a   # first
                    objective: 99.9
                    description: |
                      # not a comment: part of the text
                      second line
                    sli:
                      events:
                        error_query: sum(rate(x{code=~"5..|#"}[{{.window}}]))  # real
                        total_query: 'sum(rate(x[{{.window}}])) # inside quotes'
                """)
        let comments = SourceComment.find(in: source, documents: YAMLLoader().load(source).documents)
        #expect(comments.map(\.text) == ["# header", "# the service", "# first", "# real"])
        #expect(comments.map(\.trailing) == [false, true, true, true])
        let output = try #require(Converter().convert([source]).files.first).contents
        #expect(output.contains("# header\nversion: slo/v1\n# the service\nservice: svc\n"), "\(output)")
        #expect(output.contains("# first\n- name: a\n"))
        #expect(output.contains("  # not a comment: part of the text\n"), "the block's text is kept as text")
        #expect(output.contains("    # real\n    errors: "))
        Self.check([source])
    }

    @Test(.needsAnchors, arguments: ["openslo/v1-examples", "openslo/v1alpha-examples"])
    func openSLOExamplesConvertToTheSameRules(_ folder: String) throws {
        Self.check(try Fixtures.anchorFiles(in: folder).map { try Fixtures.anchor($0) })
    }

    @Test func openSLOV1SpecConvertsToTheSameRules() throws {
        let sources = [
            SourceFile(path: "slos.yaml", bytes: Array(OpenSLOV1Example.service.utf8)),
            SourceFile(path: "shared.yaml", bytes: Array(OpenSLOV1Example.shared.utf8)),
        ]
        Self.check(sources)
        let text = try #require(Converter().convert(sources).files.first).contents
        #expect(text.contains("# Not carried over: OpenSLO alert conditions"))
        #expect(text.contains("window: month"))
    }

    @Test(.needsAnchors) func unsupportedPartsBecomeComments() throws {
        let converted = Converter().convert(
            try Fixtures.anchorFiles(in: "openslo/v1alpha-examples").map {
                try Fixtures.anchor($0)
            })
        #expect(converted.files.isEmpty)
        let result = Converter().convert([try Fixtures.anchor("sloth/validate/good/good-aa.yaml")])
        let text = try #require(result.files.first).contents
        #expect(text.contains("# Not carried over (line 21): unknown key `pageAlert`"))
    }
}
