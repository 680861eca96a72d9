import Foundation

@testable import SLOKit

/// Files under Tests/SLOKitTests/Fixtures, read from disk by path.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Repository root (for `slo/`, `schema/`, `generated/`).
    static let repository = root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/anchors` beside the repository.
    static let anchors = repository.deletingLastPathComponent().appendingPathComponent("shared/anchors")

    /// Every `.yaml`/`.yml` file in a fixture folder, sorted, as `folder/name.yaml`.
    static func files(in folder: String) -> [String] {
        let url = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(folder)/\($0)" }
    }

    static func source(_ relative: String) throws -> SourceFile {
        let data = try Data(contentsOf: root.appendingPathComponent(relative))
        return SourceFile(path: relative, bytes: [UInt8](data))
    }
}
