import ArgumentParser
import Foundation
import SLOKit

/// Paths on the command line (files as given, folders walked for `.yaml`/`.yml`, sorted) and the
/// project config that supplies them when none are given.
struct SpecInputs: ParsableArguments {
    @Argument(help: "Spec files or folders (default: the project config's `specs`, else slo/).")
    var paths: [String] = []

    @Option(help: "Project config file (default: slo.yaml here or in the nearest folder above).")
    var config: String?

    @Flag(help: "Ignore the project config.")
    var noConfig = false

    func validate() throws {
        if config != nil, noConfig { throw ValidationError("give --config or --no-config, not both") }
    }

    /// The project config (see `Project.load`).
    func project(_ diagnostics: CommandDiagnostics) throws -> Project { try Project.load(self, diagnostics) }

    /// Every spec file, in a stable order, read into memory: the command line's paths, else the
    /// config's `specs`. A path that does not exist or cannot be read is a usage error (exit 64),
    /// reported through `diagnostics`; so is a folder without spec files. The config itself and
    /// the output folder are never read as specs.
    func read(_ diagnostics: CommandDiagnostics, project: Project) throws -> [SourceFile] {
        let fromConfig = paths.isEmpty
        let roots = fromConfig ? project.config.specs.map(project.fromConfig) : paths
        var files: [String] = []
        let manager = FileManager.default
        let output = Project.absolute(project.fromConfig(project.config.output), from: project.workingDirectory)
        for root in roots {
            // A path the config lists is reported at the config's `specs`, where the fix goes.
            let location =
                fromConfig ? (project.config.specsLocation ?? .file(project.configPath ?? root)) : .file(root)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw diagnostics.fail(
                    .inputNotFound, "no such file or folder: \(root)", at: location, exit: ExitCode(64))
            }
            if isDirectory.boolValue {
                let found = specFiles(under: root, skipping: output, project: project)
                if found.isEmpty {
                    throw diagnostics.fail(
                        .noSpecFiles, "no .yaml or .yml files under \(root)", at: location, exit: ExitCode(64))
                }
                files += found
            } else {
                files.append(root)
            }
        }
        var seen = Set<String>()
        let sources = try files.filter { seen.insert($0).inserted }.map { try diagnostics.readSource($0) }
        return sources
    }

    /// How generated files name each source: relative to the project's folder.
    func sourceNames(_ sources: [SourceFile], project: Project) -> [String: String] {
        Dictionary(sources.map { ($0.path, project.projectName(of: $0.path)) }, uniquingKeysWith: { first, _ in first })
    }

    private func specFiles(under root: String, skipping output: String, project: Project) -> [String] {
        let base = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        // `slo validate .` at the project root: the compiled output and the config are not specs.
        let folder = Project.absolute(base, from: project.workingDirectory)
        let outputInside = Project.relative(output, from: folder)
        let configInside = project.configPath.map {
            Project.relative(Project.absolute($0, from: project.workingDirectory), from: folder)
        }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || relative == outputInside || relative == configInside {
                enumerator.skipDescendants()
                continue
            }
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                result.append(base == "/" ? "/" + relative : base + "/" + relative)
            }
        }
        return result.sorted()
    }
}
