import Foundation
import Testing

@Suite struct ConvertCommandTests {
    static let sloth = """
        version: "prometheus/v1"
        service: "myservice"
        slos:
          - name: "requests-availability"
            objective: 99.9
            sli:
              events:
                error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
                total_query: sum(rate(http_requests_total[{{.window}}]))
            alerting:
              page_alerts: {}
        """

    @Test func convertWritesNativeSpecsThatCompileToTheSameRules() async throws {
        let folder = try TemporaryFolder()
        try folder.write("sloth/myservice.yaml", Self.sloth)
        let converted = try await SLOProcess.run(["convert", "sloth", "-o", "slo", "--window", "28d"], in: folder.path)
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(converted.stdout == "converted 1 services into slo\n")
        #expect(converted.stderr.contains("sloth/myservice.yaml:11:7: warning: unknown key `page_alerts`"))
        let spec = try String(contentsOfFile: folder.path + "/slo/myservice.yaml", encoding: .utf8)
        #expect(spec.contains("window: \"28d\""))
        #expect(spec.contains("# Not carried over (line 11): unknown key `page_alerts`"))
        #expect(
            try await SLOProcess.run(["compile", "sloth", "-o", "a", "--window", "28d"], in: folder.path).status == 0)
        #expect(try await SLOProcess.run(["compile", "slo", "-o", "b"], in: folder.path).status == 0)
        func body(_ path: String) throws -> String {
            String(try String(contentsOfFile: folder.path + path, encoding: .utf8).drop { $0 != "\n" })
        }
        #expect(try body("/a/myservice/rules.yml") == body("/b/myservice/rules.yml"))
    }

    @Test func aBadWindowIsAUsageError() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/x.yaml", Self.sloth)
        let result = try await SLOProcess.run(["validate", "--window", "2x"], in: folder.path)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--window must be whole minutes between 1h and 400d"))
    }
}
