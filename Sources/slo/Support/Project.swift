import ArgumentParser
import Foundation
import SLOKit

/// The project a command runs in: its config (`slo.yaml`, found like git finds `.git`), and the
/// folder every path in the config, and every spec path printed into generated files, is
/// relative to.
///
/// Diagnostics name files as the user reaches them from the working folder (so they can be
/// opened as printed); generated files name them from the project's folder (so `slo`, `./slo/`
/// and an absolute path compile to the same bytes, and no machine's paths leak into them).
struct Project {
    var config: ProjectConfig
    /// The config file as diagnostics name it; nil when there is none.
    var configPath: String?
    /// Absolute, symbolic links resolved: the config's folder, or the working folder without one.
    var root: String
    /// Absolute, symbolic links resolved.
    var workingDirectory: String

    /// Finds and reads the config (`--config`, else `slo.yaml` here or in the nearest folder
    /// above; none with `--no-config`). A config with errors stops the command (exit 1); a
    /// `--config` that does not exist is a usage error (exit 64).
    static func load(_ options: SpecInputs, _ log: CommandDiagnostics) throws -> Project {
        let cwd = Self.resolved(FileManager.default.currentDirectoryPath)
        var found: String?
        if let explicit = options.config {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw log.fail(
                    .inputNotFound, "no such project config: \(explicit)", at: .file(explicit), exit: ExitCode(64))
            }
            found = explicit
        } else if !options.noConfig {
            found = Self.search(from: cwd).map { Self.relative($0, from: cwd) }
        }
        guard let found else {
            return Project(config: ProjectConfig(), configPath: nil, root: cwd, workingDirectory: cwd)
        }
        let source = try log.readSource(found)
        guard let config = ProjectConfig.decode(source, diagnostics: log.collector) else {
            try log.finish()
            throw ExitCode.failure
        }
        let absolute = Self.absolute(found, from: cwd)
        return Project(
            config: config, configPath: found, root: (absolute as NSString).deletingLastPathComponent,
            workingDirectory: cwd)
    }

    /// A path written in the config, as seen from the working folder.
    func fromConfig(_ path: String) -> String {
        Self.relative(Self.absolute(path, from: root), from: workingDirectory)
    }

    /// How generated files name a file the user reaches by `path`: relative to the project root.
    func projectName(of path: String) -> String {
        Self.relative(Self.absolute(path, from: workingDirectory), from: root)
    }

    /// The `slo.yaml` in `folder` or the nearest folder above it.
    private static func search(from folder: String) -> String? {
        var current = folder
        while true {
            let candidate = (current as NSString).appendingPathComponent(ProjectConfig.fileName)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
        }
    }

    /// `path` made absolute against `base`, `.` and `..` removed, and symbolic links in its
    /// folders resolved (the last component is kept, so a linked spec keeps its own name).
    static func absolute(_ path: String, from base: String) -> String {
        let joined = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        let standardized = URL(fileURLWithPath: joined).standardizedFileURL.path
        let folder = (standardized as NSString).deletingLastPathComponent
        let name = (standardized as NSString).lastPathComponent
        guard standardized != "/", !folder.isEmpty else { return standardized }
        return (resolved(folder) as NSString).appendingPathComponent(name)
    }

    /// An absolute path with every symbolic link resolved (as far as it exists).
    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// `path` relative to `base` (both absolute): `slo/a.yaml`, `../specs/b.yaml`, or `.`.
    static func relative(_ path: String, from base: String) -> String {
        let target = path.split(separator: "/").map(String.init)
        let from = base.split(separator: "/").map(String.init)
        var common = 0
        while common < target.count, common < from.count, target[common] == from[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
