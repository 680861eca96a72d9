import ArgumentParser
import Foundation
import SLOKit

/// Paths on the command line: files as given, directories walked for `.yaml`/`.yml`, sorted.
struct SpecInputs: ParsableArguments {
    @Argument(help: "Spec files or folders (default: slo/).")
    var paths: [String] = []

    /// Every spec file, in a stable order, read into memory.
    func read() throws -> [SourceFile] {
        let roots = paths.isEmpty ? ["slo"] : paths
        var files: [String] = []
        let manager = FileManager.default
        for root in roots {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or folder: \(root)")
            }
            if isDirectory.boolValue {
                let found = try specFiles(under: root)
                if found.isEmpty { throw ValidationError("no .yaml or .yml files under \(root)") }
                files += found
            } else {
                files.append(root)
            }
        }
        var seen = Set<String>()
        return try files.filter { seen.insert($0).inserted }.map { path in
            // Read one byte past the limit: enough for the loader to report an oversized file
            // without holding a hostile 50 MB file in memory.
            guard let handle = FileHandle(forReadingAtPath: path),
                let data = try? handle.read(upToCount: LoadLimits().maxFileBytes + 1)
            else {
                throw ValidationError("cannot read \(path)")
            }
            try? handle.close()
            return SourceFile(path: path, bytes: [UInt8](data))
        }
    }

    private func specFiles(under root: String) throws -> [String] {
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
