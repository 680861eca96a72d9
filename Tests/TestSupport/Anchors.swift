import Foundation
import SLOKit
import Testing

/// Peer tools' own files (Sloth's and OpenSLO's examples and generated rules, Pyrra's rules),
/// which interop tests compare against. They are third-party material and never copied into this
/// repository: they sit in `../shared/anchors` where CI (and this project's machines) keep them.
///
/// A test that reads them carries ``Testing/Trait/needsAnchors``: without the folder it is
/// skipped, by name and with the reason, so a fresh clone passes. `SLO_REQUIRE_ANCHORS=1` (set by
/// `.ci/run`) turns a missing folder into failures, so CI can never skip them.
public enum Anchors {
    /// `$SLO_ANCHORS`, else `../shared/anchors` beside the repository, else `../../shared/anchors`
    /// (a worktree one folder deeper); nil when none exists.
    public static let folder: URL? = {
        let environment = ProcessInfo.processInfo.environment
        let parent = Fixtures.repository.deletingLastPathComponent()
        let candidates =
            [environment["SLO_ANCHORS"].map { URL(fileURLWithPath: $0) }].compactMap { $0 } + [
                parent.appendingPathComponent("shared/anchors"),
                parent.deletingLastPathComponent().appendingPathComponent("shared/anchors"),
            ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }()

    /// Whether a missing folder must fail the run (`SLO_REQUIRE_ANCHORS=1`) instead of skipping.
    public static var required: Bool { ProcessInfo.processInfo.environment["SLO_REQUIRE_ANCHORS"] == "1" }

    /// Why anchor tests are skipped; printed beside each skipped test.
    public static let absence =
        "needs ../shared/anchors (Sloth, OpenSLO and Pyrra files, not part of this repository), which is not there; "
        + "SLO_ANCHORS=DIR points elsewhere, SLO_REQUIRE_ANCHORS=1 makes its absence a failure"

    /// The folder, or an error saying what is missing.
    static func require() throws -> URL {
        guard let folder else { throw ChildProcessError(description: "anchors missing: " + absence) }
        return folder
    }
}

extension Fixtures {
    /// The anchors folder (where it would be when it is missing, for messages).
    public static var anchors: URL {
        Anchors.folder ?? repository.deletingLastPathComponent().appendingPathComponent("shared/anchors")
    }

    /// A file under the anchors folder, named by its path there (`sloth/examples/no-alerts.yml`).
    public static func anchor(_ relative: String) throws -> SourceFile {
        let data = try Data(contentsOf: try Anchors.require().appendingPathComponent(relative))
        return SourceFile(path: relative, bytes: [UInt8](data))
    }

    /// Every `.yaml`/`.yml` file directly in an anchors folder, sorted, as `folder/name.yaml`
    /// (none when the anchors are missing).
    public static func anchorFiles(in folder: String) -> [String] {
        yamlFiles(in: anchors.appendingPathComponent(folder), named: folder)
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where ``Anchors`` are present, or where they are required (so that it
    /// fails there instead of being skipped).
    public static var needsAnchors: Self {
        .enabled(if: Anchors.folder != nil || Anchors.required, Comment(rawValue: Anchors.absence))
    }
}
