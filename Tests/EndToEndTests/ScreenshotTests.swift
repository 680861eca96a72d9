import Foundation
import Testing

/// The HTML documents render in a real browser: headless Chromium takes a screenshot, and the
/// picture must have text on it (many colours, a real share of non-background pixels).
@Suite(.serialized) struct ScreenshotTests {
    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        try ToolProcess.run(executable, arguments, withErrors: false)
    }

    @Test func slaHTMLRendersWithContent() throws {
        let browser = try #require(
            Self.chromium, "Chromium is not installed: run scripts/test.sh (it installs Debian's chromium)")
        let page = Self.repository.appendingPathComponent("generated/orders-api/SLA.html")
        #expect(FileManager.default.fileExists(atPath: page.path))
        let folder = try TemporaryFolder()
        let shot = folder.path + "/sla.png"
        let (status, _) = try Self.run(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,1400",
                "--screenshot=\(shot)", page.absoluteString,
            ])
        #expect(status == 0)
        let (_, stats) = try Self.run(
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
