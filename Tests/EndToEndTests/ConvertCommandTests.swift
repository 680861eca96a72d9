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
        #expect(
            converted.stdout
                == "converted  sloth/myservice.yaml -> slo/myservice.yaml\nconverted 1 service from 1 file into slo\n")
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

    /// A real folder: a Sloth spec with comments, a Prometheus rule file, a broken Sloth spec, a
    /// native spec and an empty file. Each gets its own verdict and the good one is converted.
    @Test func convertGoesFileByFileAndSaysWhy() async throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "in/a-commented.yaml",
            """
            # Checkout SLOs, owned by the payments team.
            version: "prometheus/v1"
            service: "checkout"
            slos:
              # Paged on: customers cannot pay.
              - name: "requests-availability"
                objective: 99.9   # agreed with product in 2025
                sli:
                  events:
                    # 5xx only; 429 is the client's problem.
                    error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))  # not a # comment inside
                    total_query: sum(rate(http_requests_total[{{.window}}]))
            # trailing note
            """)
        try folder.write("in/b-rules.yml", "groups:\n  - name: node\n    rules: []\n")
        try folder.write("in/c-broken.yaml", "version: prometheus/v1\nservice: broken\nslos: [{name: x}]\n")
        try folder.write("in/d-native.yaml", ValidateCommandTests.good)
        try folder.write("in/e-empty.yaml", "")
        try folder.write("in/f-configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")
        let outcome = try await SLOProcess.run(["convert", "in", "-o", "out"], in: folder.path)
        #expect(outcome.status == 0, "one file converted is success: \(outcome.stderr)")
        #expect(
            outcome.stdout == """
                converted  in/a-commented.yaml -> out/checkout.yaml
                skipped    in/b-rules.yml: not an SLO spec: a Prometheus rule file (`groups:`)
                failed     in/c-broken.yaml: 2 errors (above); nothing written
                skipped    in/d-native.yaml: already slo/v1 (orders-api)
                skipped    in/e-empty.yaml: not an SLO spec: an empty file
                skipped    in/f-configmap.yaml: not an SLO spec: a Kubernetes object `ConfigMap` (`apiVersion: v1`)
                converted 1 service from 6 files into out; 1 file failed

                """)
        #expect(outcome.stderr.contains("in/c-broken.yaml:3:8: error:"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("b-rules"), "a file that is no spec is not asked for a version")
        let converted = try String(contentsOfFile: folder.path + "/out/checkout.yaml", encoding: .utf8)
        for comment in [
            "# Checkout SLOs, owned by the payments team.\nversion: slo/v1",
            "# Paged on: customers cannot pay.\n- name: requests-availability",
            "  # agreed with product in 2025\n  objective: 99.9",
            "    # 5xx only; 429 is the client's problem.\n    # not a # comment inside\n    errors: sum(rate(",
            "# trailing note\n",
        ] {
            #expect(converted.contains(comment), "lost: \(comment)\n\(converted)")
        }
        #expect(converted.contains("code=~\"5..\""), "a `#` inside a value stays in the value")
        #expect(try await SLOProcess.run(["validate", "out"], in: folder.path).status == 0)
    }

    @Test func nothingConvertedIsAFailure() async throws {
        let folder = try TemporaryFolder()
        try folder.write("in/rules.yml", "groups: []\n")
        try folder.write("in/native.yaml", ValidateCommandTests.good)
        let outcome = try await SLOProcess.run(["convert", "in", "-o", "out"], in: folder.path)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.hasSuffix("converted 0 services from 2 files into out\n"))
    }

    @Test func aBadWindowIsAUsageError() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/x.yaml", Self.sloth)
        let result = try await SLOProcess.run(["validate", "--window", "2x"], in: folder.path)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--window must be whole minutes between 1h and 400d"))
    }
}
