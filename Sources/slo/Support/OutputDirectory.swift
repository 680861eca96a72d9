import CSystem
import Foundation
import SLOKit

/// The output folder, replaced as a whole: a compile leaves either the complete old or the
/// complete new tree, even when killed mid-way.
///
/// The new tree is built in a staging folder beside the output: unchanged files are hard links to
/// the existing ones (so they are not rewritten and keep their timestamps), changed ones are new
/// files. Then one `renameat2(RENAME_EXCHANGE)` swaps the two folders atomically and the old tree
/// is deleted. Top-level entries that other commands own (`reports/`) are carried over as links.
/// Symbolic links inside the folder are never written through: a link where a file belongs is
/// replaced by a file, and deleting the old tree removes links, not what they point to.
struct OutputDirectory {
    let path: String
    var preserved: Set<String> = ["reports"]

    struct Changes {
        var added: [String] = []
        var modified: [String] = []
        var removed: [String] = []
        var unchanged: [String] = []

        var isEmpty: Bool { added.isEmpty && modified.isEmpty && removed.isEmpty }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var manager: FileManager { .default }

    func changes(for files: [Compiler.OutputFile]) throws -> Changes {
        var changes = Changes()
        let existing = Set(try existingFiles())
        for file in files {
            guard Self.staysInside(file.path) else {
                throw Failure(description: "refusing to write \(file.path.debugDescription) outside \(path)")
            }
            let target = (path as NSString).appendingPathComponent(file.path)
            if !existing.contains(file.path) {
                changes.added.append(file.path)
            } else if !isSymlink(target), manager.contents(atPath: target) == Data(file.contents.utf8) {
                changes.unchanged.append(file.path)
            } else {
                changes.modified.append(file.path)
            }
        }
        let produced = Set(files.map(\.path))
        changes.removed = existing.filter { !produced.contains($0) }.sorted()
        return changes
    }

    /// Writes `files` as the new content of the folder; does nothing when nothing changed.
    @discardableResult
    func write(_ files: [Compiler.OutputFile]) throws -> Changes {
        let changes = try changes(for: files)
        guard !changes.isEmpty else { return changes }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
        removeLeftoverStaging(parent: parent, name: name)
        let staging = (parent as NSString).appendingPathComponent(
            ".\(name).slo-staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        do {
            let unchanged = Set(changes.unchanged)
            for file in files {
                let destination = (staging as NSString).appendingPathComponent(file.path)
                try manager.createDirectory(
                    atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                if unchanged.contains(file.path) {
                    try link(from: (path as NSString).appendingPathComponent(file.path), to: destination)
                } else {
                    guard manager.createFile(atPath: destination, contents: Data(file.contents.utf8)) else {
                        throw Failure(description: "cannot write \(destination)")
                    }
                }
            }
            for entry in preserved {
                let source = (path as NSString).appendingPathComponent(entry)
                if manager.fileExists(atPath: source) || isSymlink(source) {
                    try linkTree(from: source, to: (staging as NSString).appendingPathComponent(entry))
                }
            }
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                guard !isSymlink(url.path) else {
                    throw Failure(description: "\(path) is a symbolic link; give the folder it points to as -o")
                }
                guard isDirectory.boolValue else {
                    throw Failure(description: "\(path) exists and is not a folder; remove it or choose another -o")
                }
                guard slo_exchange_paths(staging, url.path) == 0 else {
                    throw Failure(description: "cannot replace \(path): \(String(cString: strerror(errno)))")
                }
            } else {
                try manager.moveItem(atPath: staging, toPath: url.path)
            }
        } catch {
            try? manager.removeItem(atPath: staging)
            throw error
        }
        // After the exchange the staging path holds the old tree.
        try? manager.removeItem(atPath: staging)
        return changes
    }

    /// A relative path without empty, `.` or `..` components. The compiler only makes such paths
    /// (service names are checked); this keeps a future bug from writing outside the folder.
    static func staysInside(_ relative: String) -> Bool {
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        return !components.contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// Relative paths of the files compile owns (everything but the preserved entries).
    private func existingFiles() throws -> [String] {
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else {
            throw Failure(description: "\(path) exists and is not a folder; remove it or choose another -o")
        }
        var result: [String] = []
        try walk(path, relative: "", into: &result)
        return result.sorted()
    }

    private func walk(_ directory: String, relative: String, into result: inout [String]) throws {
        for entry in try manager.contentsOfDirectory(atPath: directory) {
            if relative.isEmpty, preserved.contains(entry) { continue }
            let full = (directory as NSString).appendingPathComponent(entry)
            let child = relative.isEmpty ? entry : "\(relative)/\(entry)"
            var isDirectory: ObjCBool = false
            if !isSymlink(full), manager.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue {
                try walk(full, relative: child, into: &result)
            } else {
                result.append(child)
            }
        }
    }

    private func isSymlink(_ path: String) -> Bool {
        (try? manager.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    private func link(from source: String, to destination: String) throws {
        guard Foundation.link(source, destination) == 0 else {
            throw Failure(description: "cannot link \(source): \(String(cString: strerror(errno)))")
        }
    }

    /// Recreates a tree of hard links; symbolic links are copied as links, never followed.
    private func linkTree(from source: String, to destination: String) throws {
        if isSymlink(source) {
            try manager.createSymbolicLink(
                atPath: destination, withDestinationPath: manager.destinationOfSymbolicLink(atPath: source))
            return
        }
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: source, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue {
            try manager.createDirectory(atPath: destination, withIntermediateDirectories: true)
            for entry in try manager.contentsOfDirectory(atPath: source) {
                try linkTree(
                    from: (source as NSString).appendingPathComponent(entry),
                    to: (destination as NSString).appendingPathComponent(entry))
            }
        } else {
            try link(from: source, to: destination)
        }
    }

    /// Staging folders of compiles that were killed: never visible as output, removed next time.
    private func removeLeftoverStaging(parent: String, name: String) {
        let prefix = ".\(name).slo-staging-"
        for entry in (try? manager.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            try? manager.removeItem(atPath: (parent as NSString).appendingPathComponent(entry))
        }
    }
}
