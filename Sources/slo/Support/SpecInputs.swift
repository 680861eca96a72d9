import ArgumentParser
import Foundation
import SLOKit

/// Paths on the command line: files as given, directories walked for `.yaml`/`.yml`, sorted.
struct SpecInputs: ParsableArguments {
    @Argument(help: "Spec files or folders (default: slo/).")
    var paths: [String] = []

    /// Every spec file, in a stable order, read into memory. A path that does not exist or cannot
    /// be read is a usage error (exit 64), reported through `diagnostics`.
    func read(_ diagnostics: CommandDiagnostics) throws -> [SourceFile] {
        let roots = paths.isEmpty ? ["slo"] : paths
        var files: [String] = []
        let manager = FileManager.default
        for root in roots {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw diagnostics.fail(
                    .inputNotFound, "no such file or folder: \(root)", at: .file(root), exit: ExitCode(64))
            }
            if isDirectory.boolValue {
                let found = specFiles(under: root)
                if found.isEmpty {
                    throw diagnostics.fail(
                        .noSpecFiles, "no .yaml or .yml files under \(root)", at: .file(root), exit: ExitCode(64))
                }
                files += found
            } else {
                files.append(root)
            }
        }
        var seen = Set<String>()
        let sources = try files.filter { seen.insert($0).inserted }.map { path in
            // Read one byte past the limit: enough for the loader to report an oversized file
            // without holding a hostile 50 MB file in memory.
            guard let handle = FileHandle(forReadingAtPath: path),
                let data = try? handle.read(upToCount: LoadLimits().maxFileBytes + 1)
            else {
                throw diagnostics.fail(.unreadableFile, "cannot read \(path)", at: .file(path), exit: ExitCode(64))
            }
            try? handle.close()
            return SourceFile(path: path, bytes: [UInt8](data))
        }
        diagnostics.sources = sources
        return sources
    }

    private func specFiles(under root: String) -> [String] {
        let base = root.hasSuffix("/") ? String(root.dropLast()) : root
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { result.append(base + "/" + relative) }
        }
        return result.sorted()
    }
}
