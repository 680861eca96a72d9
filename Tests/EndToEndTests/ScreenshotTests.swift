import Foundation
import Testing

/// The HTML documents render in a real browser: headless Chromium takes a screenshot, and the
/// picture must have text on it (many colours, a real share of non-background pixels).
@Suite struct ScreenshotTests {
    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    static let repository = Fixtures.repository

    /// Runs a helper (chromium, python3): its status and stdout (chromium's chatter on stderr
    /// stays out). Chromium is CPU-bound for a few seconds, so it takes a process slot.
    static func run(_ executable: String, _ arguments: [String]) async throws -> (Int32, String) {
        let outcome = try await ChildProcess.run(executable, arguments, cpuSeconds: 5)
        return (outcome.status, outcome.stdout)
    }

    @Test func slaHTMLRendersWithContent() async throws {
        let browser = try #require(
            Self.chromium, "Chromium is not installed: run scripts/test.sh (it installs Debian's chromium)")
        let page = Self.repository.appendingPathComponent("generated/orders-api/SLA.html")
        #expect(FileManager.default.fileExists(atPath: page.path))
        let folder = try TemporaryFolder()
        let shot = folder.path + "/sla.png"
        let (status, _) = try await Self.run(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,1400",
                "--screenshot=\(shot)", page.absoluteString,
            ])
        #expect(status == 0)
        let (_, stats) = try await Self.run(
            "/usr/bin/python3",
            [Self.repository.appendingPathComponent("Tests/SLOKitTests/Fixtures/tools/png_stats.py").path, shot])
        let fields = stats.split(separator: " ").compactMap {
            Double($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(fields.count == 4, "png_stats printed `\(stats)`")
        guard fields.count == 4 else { return }
        #expect(fields[0] == 1000 && fields[1] == 1400)
        #expect(fields[2] > 20, "a blank page has a handful of colours, text has many (got \(fields[2]))")
        #expect(fields[3] > 0.01, "too little is drawn: \(fields[3]) of pixels differ from the background")
    }
}
