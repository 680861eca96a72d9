import Foundation

@testable import SLOKit

/// Files under Tests/SLOKitTests/Fixtures, read from disk by path.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Repository root (for `slo/`, `schema/`, `generated/`).
    static let repository = root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/anchors` beside the repository, or `../../shared/anchors` for a worktree one
    /// folder deeper (the first that exists).
    static let anchors: URL = {
        let beside = repository.deletingLastPathComponent().appendingPathComponent("shared/anchors")
        let above = repository.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/anchors")
        return FileManager.default.fileExists(atPath: beside.path) ? beside : above
    }()

    /// A file under the anchors folder, named by its path there (`sloth/examples/no-alerts.yml`).
    static func anchor(_ relative: String) throws -> SourceFile {
        let data = try Data(contentsOf: anchors.appendingPathComponent(relative))
        return SourceFile(path: relative, bytes: [UInt8](data))
    }

    /// Every `.yaml`/`.yml` file directly in an anchors folder, sorted, as `folder/name.yaml`.
    static func anchorFiles(in folder: String) -> [String] {
        let url = anchors.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(folder)/\($0)" }
    }

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
