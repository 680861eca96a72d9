import Foundation
import Testing

@testable import SLOKit

/// `Compiler.check` keeps a service that is alone in its file as that file, and rebuilds its
/// model when it renders (the memory of a 100,000-SLO compile depends on it). That path must
/// report exactly what the plain front end reports and render exactly what held models render.
@Suite struct RereadServiceTests {
    static func service(_ name: String, slo: String = "availability", objective: String = "99.9") -> String {
        """
        version: slo/v1
        service: \(name)
        slos:
          - name: \(slo)
            objective: \(objective)
            sli:
              errors: http_requests_total{job="\(name)",code=~"5.."}
              total: http_requests_total{job="\(name)"}

        """
    }

    /// Diagnostics of the front end that holds every model, the way `slo report` runs it.
    static func heldDiagnostics(_ sources: [SourceFile]) -> [Diagnostic] {
        let collector = DiagnosticCollector()
        _ = SpecFrontEnd().models(sources, diagnostics: collector)
        return collector.sorted
    }

    @Test(arguments: Fixtures.files(in: "invalid") + Fixtures.files(in: "valid"))
    func compileReportsWhatTheFrontEndReports(path: String) throws {
        let sources = [try Fixtures.source(path)]
        #expect(Compiler().check(sources).diagnostics == Self.heldDiagnostics(sources))
    }

    @Test func onlyServicesAloneInTheirFileAreReadAgain() throws {
        let sources = [
            SourceFile(path: "b.yaml", text: Self.service("beta")),
            SourceFile(path: "a.yaml", text: Self.service("alpha") + "---\n" + Self.service("gamma")),
        ]
        let checked = Compiler().check(sources)
        #expect(!checked.hasErrors, "\(checked.diagnostics.map(\.message))")
        #expect(checked.services.map(\.name) == ["alpha", "beta", "gamma"])
        let reread = checked.services.map { if case .source = $0.origin { true } else { false } }
        #expect(reread == [false, true, false])
        #expect(checked.sloCount == 3)
    }

    @Test func rebuiltModelsRenderWhatHeldModelsRender() throws {
        let sources = try Fixtures.goldenCases.map { try Fixtures.source("golden/\($0)/spec.yaml") }
        var options = Compiler.Options()
        options.formats = Set(Compiler.RuleFormat.allCases)
        let compiler = Compiler(options: options)
        let checked = compiler.check(sources)
        #expect(!checked.hasErrors, "\(checked.diagnostics.map(\.message))")
        #expect(checked.services.contains { if case .source = $0.origin { true } else { false } })
        var held = checked
        held.models = checked.models
        #expect(!held.services.contains { if case .source = $0.origin { true } else { false } })
        var fromFiles: [OutputFile] = []
        var fromModels: [OutputFile] = []
        _ = compiler.render(checked) { fromFiles.append($0) }
        _ = compiler.render(held) { fromModels.append($0) }
        #expect(fromFiles.count > 20)
        #expect(fromFiles == fromModels)
    }

    @Test func aServiceDefinedInTwoFilesIsStillAnError() throws {
        let sources = [
            SourceFile(path: "a.yaml", text: Self.service("checkout")),
            SourceFile(path: "b.yaml", text: Self.service("checkout", slo: "latency")),
        ]
        let checked = Compiler().check(sources)
        let duplicate = try #require(checked.diagnostics.first { $0.code == .duplicateService })
        #expect(duplicate.location.description == "b.yaml:2:10")
        #expect(duplicate.notes.first?.location?.description == "a.yaml:2:10")
        #expect(checked.diagnostics == Self.heldDiagnostics(sources))
    }

    @Test func anErrorInAFileReadOnceStopsTheCompile() throws {
        let sources = [
            SourceFile(path: "a.yaml", text: Self.service("alpha")),
            SourceFile(path: "b.yaml", text: Self.service("beta", objective: "100.5")),
        ]
        let result = Compiler().compile(sources)
        #expect(result.hasErrors)
        #expect(result.files.isEmpty)
        #expect(result.diagnostics.contains { $0.location.file == "b.yaml" && $0.location.line == 5 })
    }
}
