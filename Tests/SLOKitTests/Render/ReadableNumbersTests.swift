import Foundation
import Testing

@testable import SLOKit

/// Figures people read are rounded the way people write them; full precision stays in JSON and
/// in the rules. The scan below reads every document the compiler writes for this repository's
/// specs and the golden specs, and the reports of a canned run with awkward numbers.
@Suite struct ReadableNumbersTests {
    @Test func numbers() {
        #expect(Readable.count(2344.584) == "2,345")
        #expect(Readable.count(43.2) == "43.2")
        #expect(Readable.count(40.32) == "40.3")
        #expect(Readable.count(0.123456) == "0.123")
        #expect(Readable.count(7) == "7")
        #expect(Readable.factor(0.933333333333) == "0.933")
        #expect(Readable.factor(13.44) == "13.4")
        #expect(Readable.factor(14.4) == "14.4")
        #expect(Readable.factor(123.456) == "123")
        #expect(Readable.percent(-11.971) == "-1,197%")
        #expect(Readable.percent(0.13574) == "13.6%")
        #expect(Readable.percent(0.0005) == "0.05%")
        #expect(Readable.percent(0.01344) == "1.34%")
    }

    @Test func durations() {
        #expect(Readable.duration(seconds: 5 * 86_400 + 19 * 3600 + 39 * 60 + 23) == "5 d 20 h")
        #expect(Readable.duration(seconds: 2592) == "43 min 12 s")
        #expect(Readable.duration(seconds: 3 * 3600 + 43 * 60 + 12) == "3 h 43 min")
        #expect(Readable.duration(seconds: 3153.6) == "52 min 34 s")
        #expect(Readable.duration(seconds: 3599.6) == "1 h")
        #expect(Readable.duration(seconds: 86_399.9) == "1 d")
        #expect(Readable.duration(seconds: 51.84) == "51.8 s")
        #expect(Readable.duration(seconds: 59.96) == "1 min")
        #expect(Readable.duration(seconds: 351.84) == "5 min 52 s")
        #expect(Readable.duration(seconds: 7200) == "2 h")
        #expect(Readable.duration(seconds: 0) == "0 s")
    }

    /// Figures more precise than a person writes them, in one document's prose: a fraction with
    /// more than three significant digits (percentages from 90% up may have four decimals: SLIs
    /// and objectives need their nines), or a duration in three or more units. Code (Markdown
    /// backticks, `<code>`, `<pre>`), HTML tags and their attributes (SVG coordinates) and CSS
    /// are not prose.
    static func overPrecise(in document: String, html: Bool) -> [String] {
        var text = document
        let code: [Regex<Substring>] =
            html
            ? [/<style>[\s\S]*?<\/style>/, /<pre>[\s\S]*?<\/pre>/, /<code>[\s\S]*?<\/code>/, /<[^>]*>/]
            : [/```[\s\S]*?```/, /`[^`\n]*`/]
        for pattern in code { text = text.replacing(pattern, with: " ") }
        var found: [String] = []
        for match in text.matches(of: /(\d[\d,]*)\.(\d+)(%?)/) {
            let whole = match.1.filter(\.isNumber)
            let fraction = String(match.2)
            let value = Double("\(whole).\(fraction)") ?? 0
            if match.3 == "%", value >= 90, fraction.count <= 4 { continue }
            let digits = (whole + fraction).drop { $0 == "0" }
            if digits.count > 3 { found.append(String(match.0)) }
        }
        let unit = #"\d+(?:\.\d+)? (?:d|h|min|s|days?|hours?|minutes?|seconds?)\b"#
        for match in text.matches(of: try! Regex("\(unit) \(unit) \(unit)")) {
            found.append(String(text[match.range]))
        }
        return found
    }

    @Test func theScanFindsWhatItLooksFor() {
        #expect(Self.overPrecise(in: "2344.584 bad events", html: false) == ["2344.584"])
        #expect(Self.overPrecise(in: "in 5 d 19 h 39 min 23 s", html: false).count == 1)
        #expect(Self.overPrecise(in: "burn 0.933333333333×", html: false) == ["0.933333333333"])
        #expect(Self.overPrecise(in: "SLI 99.9953%, 14.4×, 1,234 events, 43 min 12 s", html: false).isEmpty)
        #expect(Self.overPrecise(in: "`sum(rate(x[5m])) > 0.0144000001`", html: false).isEmpty)
        #expect(Self.overPrecise(in: #"<polyline points="12.3456,7.891"/> 12.345%"#, html: true) == ["12.345%"])
    }

    /// Prose lines of a rule file: the alert annotations.
    static func annotations(_ rules: String) -> String {
        rules.split(separator: "\n").filter {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return line.hasPrefix("summary:") || line.hasPrefix("description:")
        }.joined(separator: "\n")
    }

    @Test func compiledDocumentsAreRounded() throws {
        let folder = Fixtures.repository.appendingPathComponent("slo")
        let specs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
            .sorted().map { name in
                SourceFile(
                    path: "slo/\(name)", bytes: [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
            }
        let golden = try GoldenTests.cases.map { try Fixtures.source("golden/\($0)/spec.yaml") }
        var scanned = 0
        for sources in [specs, golden] {
            let result = Compiler(options: Compiler.Options()).compile(sources)
            #expect(!result.hasErrors)
            for file in result.files {
                let text: String
                if file.path.hasSuffix("rules.yml") {
                    text = Self.annotations(file.contents)
                } else if file.path.hasSuffix(".md") || file.path.hasSuffix(".html") {
                    text = file.contents
                } else {
                    continue
                }
                scanned += 1
                let found = Self.overPrecise(in: text, html: file.path.hasSuffix(".html"))
                #expect(found.isEmpty, "\(file.path): \(found)")
            }
        }
        #expect(scanned > 30)
    }

    @Test func reportsAreRounded() async throws {
        let transport = ReporterTests.ModelTransport(
            errorsPerMinute: ["/a": 0.123456789, "/b": 7.654321, "/c": 2.3456789], ratio: 0.000123456789)
        var reporter = Reporter(options: LiveOptions(at: 1_772_496_037))
        reporter.formats = [.md, .html, .json]
        let result = try await reporter.report(
            [SourceFile(path: "shop.yaml", bytes: Array(ReporterTests.spec.utf8))],
            client: PrometheusClient(baseURL: "http://127.0.0.1:9", transport: transport))
        let documents = result.files.filter { !$0.path.hasSuffix(".json") }
        #expect(documents.count == 4)
        for file in documents {
            let found = Self.overPrecise(in: file.contents, html: file.path.hasSuffix(".html"))
            #expect(found.isEmpty, "\(file.path): \(found)")
        }
        // JSON keeps every digit.
        let json = try #require(result.files.first { $0.path == "shop.json" }?.contents)
        #expect(json.matches(of: /\d\.\d{6,}/).count > 10)
    }
}
