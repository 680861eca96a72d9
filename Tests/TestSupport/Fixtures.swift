import Foundation
import SLOKit

/// Files of this repository that tests read by path: fixtures, golden specs, `slo/`, `generated/`.
public enum Fixtures {
    /// The repository root (this file is Tests/TestSupport/Fixtures.swift).
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Tests/SLOKitTests/Fixtures.
    public static let root = repository.appendingPathComponent("Tests/SLOKitTests/Fixtures")

    /// A fixture, named by its path under the fixtures folder (`valid/flow-style.yaml`).
    public static func source(_ relative: String) throws -> SourceFile {
        let data = try Data(contentsOf: root.appendingPathComponent(relative))
        return SourceFile(path: relative, bytes: [UInt8](data))
    }

    /// Every `.yaml`/`.yml` file in a fixture folder, sorted, as `folder/name.yaml`.
    public static func files(in folder: String) -> [String] {
        yamlFiles(in: root.appendingPathComponent(folder), named: folder)
    }

    /// The golden cases: every folder under Fixtures/golden, sorted.
    public static let goldenCases: [String] = {
        let golden = root.appendingPathComponent("golden")
        return ((try? FileManager.default.contentsOfDirectory(atPath: golden.path)) ?? []).sorted()
    }()

    /// The project's own specs (`slo/`), read together as `slo compile` reads them.
    public static func ownSpecs() throws -> [SourceFile] {
        let own = repository.appendingPathComponent("slo")
        return try yamlFiles(in: own, named: "slo").map {
            SourceFile(path: $0, bytes: [UInt8](try Data(contentsOf: repository.appendingPathComponent($0))))
        }
    }

    static func yamlFiles(in url: URL, named folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(folder)/\($0)" }
    }
}
