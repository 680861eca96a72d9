import Testing

@_spi(Fuzzing) @testable import SLOKit

/// Service and SLO names become paths under the output folder (`<service>/rules.yml`); no name may
/// leave it, replace what other commands own there, or fail to check out on another system.
@Suite struct OutputPathTests {
    static func spec(service: String, slo: String = "availability") -> SourceFile {
        SourceFile(
            path: "spec.yaml",
            text: """
                version: slo/v1
                service: \(service)
                slos:
                  - name: \(slo)
                    objective: 99.9
                    sli:
                      errors: http_requests_total{code=~"5.."}
                      total: http_requests_total

                """)
    }

    static let hostileNames = [
        "..", ".", "'../x'", "/", "/etc", "'/etc/passwd'", "a/../b", "'a/b'", "'..\\\\x'", "'~'", "x.", ".x", "-x",
        "'a\\0b'", "'a b'", "'a\\nb'", "Orders", "'é'", String(repeating: "a", count: 64), "''",
        "con", "nul", "aux", "prn", "com1", "lpt9", "nul.txt", "con.d", "reports", "index.md", "alerts.md",
    ]

    @Test(arguments: hostileNames) func hostileServiceNameIsRejected(_ name: String) {
        let result = Compiler().compile([Self.spec(service: name)])
        #expect(result.files.isEmpty, "\(name) was accepted")
        #expect(result.diagnostics.contains { $0.code == .invalidName || $0.code == .wrongType }, "\(name)")
    }

    @Test(arguments: hostileNames) func hostileSLONameIsRejected(_ name: String) {
        let result = Compiler().compile([Self.spec(service: "orders", slo: name)])
        let reserved = PrometheusNames.isReservedServiceName(name)
        // SLO names never become paths; the reserved service names are fine for an SLO.
        #expect(result.files.isEmpty != reserved, "\(name)")
    }

    @Test func safeNamesStayInTheirFolder() {
        let longest = String(repeating: "a", count: 63)
        for name in ["orders-api", "a.b_c-d", "com10", "console", "nul0", "reports2", "index", longest] {
            let result = Compiler().compile([Self.spec(service: name)])
            #expect(!result.hasErrors, "\(name): \(result.diagnostics)")
            #expect(result.files.contains { $0.path == "\(name)/rules.yml" })
            #expect(FuzzEntryPoints.compile(Array(Self.spec(service: name).bytes)) == nil)
        }
    }

    @Test func reservedNameMessageSaysWhatToWrite() throws {
        let result = Compiler().compile([Self.spec(service: "reports")])
        let diagnostic = try #require(result.diagnostics.first { $0.code == .invalidName })
        #expect(diagnostic.location.line == 2 && diagnostic.location.column == 10)
        #expect(diagnostic.message.contains("e.g. `reports-service`"))
    }
}
