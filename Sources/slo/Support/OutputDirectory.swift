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

        /// Files the new tree adds, changes or keeps; true when `file` is unchanged.
        @discardableResult
        mutating func record(_ file: OutputFile, existing: Set<String>, in folder: String) throws -> Bool {
            guard OutputDirectory.staysInside(file.path) else {
                throw Failure(description: "refusing to write \(file.path.debugDescription) outside \(folder)")
            }
            guard existing.contains(file.path) else {
                added.append(file.path)
                return false
            }
            let target = (folder as NSString).appendingPathComponent(file.path)
            // A symbolic link is never read through: it is replaced by a regular file.
            guard !OutputDirectory.isSymlink(target), OutputDirectory.file(at: target, holds: file.contents) else {
                modified.append(file.path)
                return false
            }
            unchanged.append(file.path)
            return true
        }
    }

    /// Whether the file at `path` holds exactly `contents`, read a megabyte at a time: neither
    /// side is copied whole (the alert catalog of 100,000 SLOs is 128 MB).
    static func file(at path: String, holds contents: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        var contents = contents
        return contents.withUTF8 { expected in
            var offset = 0
            while true {
                let chunk = (try? handle.read(upToCount: 1 << 20)) ?? nil
                guard let chunk, !chunk.isEmpty else { return offset == expected.count }
                guard offset + chunk.count <= expected.count,
                    chunk.withUnsafeBytes({ memcmp($0.baseAddress!, expected.baseAddress! + offset, $0.count) }) == 0
                else { return false }
                offset += chunk.count
            }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var manager: FileManager { .default }

    /// Produces the files by calling its argument once per file, in a stable order.
    typealias Producer = ((OutputFile) throws -> Void) throws -> Void

    /// What writing the produced files would change; reads the folder, writes nothing.
    func changes(_ produce: Producer) throws -> Changes {
        var changes = Changes()
        let existing = Set(try existingFiles())
        var produced = Set<String>()
        try produce { file in
            produced.insert(file.path)
            try changes.record(file, existing: existing, in: path)
        }
        changes.removed = existing.subtracting(produced).sorted()
        return changes
    }

    /// Writes the produced files as the new content of the folder; does nothing when nothing
    /// changed. Each file goes to disk as it arrives, so the caller never holds the whole tree.
    @discardableResult
    func write(_ produce: Producer) throws -> Changes {
        let existing = Set(try existingFiles())
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var staging: Staging?
        // Unchanged files seen before the first change: linked only once a change needs the new tree.
        var pendingLinks: [String] = []
        func stage() throws -> Staging {
            if let staging { return staging }
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            removeLeftoverStaging(parent: parent, name: name)
            let created = try Staging(
                path: (parent as NSString).appendingPathComponent(
                    ".\(name).slo-staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"))
            staging = created
            for file in pendingLinks { try created.link(file, from: path) }
            pendingLinks = []
            return created
        }
        var changes = Changes()
        var produced = Set<String>()
        do {
            try produce { file in
                produced.insert(file.path)
                if try changes.record(file, existing: existing, in: path) {
                    if let staging { try staging.link(file.path, from: path) } else { pendingLinks.append(file.path) }
                } else {
                    try stage().write(file)
                }
            }
            changes.removed = existing.subtracting(produced).sorted()
            guard !changes.isEmpty else {
                if let staging { try? manager.removeItem(atPath: staging.path) }
                return changes
            }
            let tree = try stage()
            for entry in preserved {
                let source = (path as NSString).appendingPathComponent(entry)
                if manager.fileExists(atPath: source) || isSymlink(source) {
                    try linkTree(from: source, to: (tree.path as NSString).appendingPathComponent(entry))
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
                guard slo_exchange_paths(tree.path, url.path) == 0 else {
                    throw Failure(description: "cannot replace \(path): \(String(cString: strerror(errno)))")
                }
            } else {
                try manager.moveItem(atPath: tree.path, toPath: url.path)
            }
        } catch {
            if let staging { try? manager.removeItem(atPath: staging.path) }
            throw error
        }
        // After the exchange the staging path holds the old tree.
        if let staging { try? manager.removeItem(atPath: staging.path) }
        return changes
    }

    /// A relative path without empty, `.` or `..` components. The compiler only makes such paths
    /// (service names are checked); this keeps a future bug from writing outside the folder.
    static func staysInside(_ relative: String) -> Bool {
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        return !components.contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    /// The new tree being built beside the output; remembers the folders it has made.
    private final class Staging {
        let path: String
        private var folders: Set<String> = []

        init(path: String) throws {
            self.path = path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }

        func write(_ file: OutputFile) throws {
            let destination = try prepare(file.path)
            // The string's own bytes, lent without a copy (the alert catalog alone can be 37 MB).
            var contents = file.contents
            let written = contents.withUTF8 { bytes in
                guard let base = bytes.baseAddress else {
                    return FileManager.default.createFile(atPath: destination, contents: Data())
                }
                let data = Data(
                    bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none)
                return FileManager.default.createFile(atPath: destination, contents: data)
            }
            guard written else { throw Failure(description: "cannot write \(destination)") }
        }

        /// A hard link to the unchanged file, which keeps its bytes and timestamps.
        func link(_ relative: String, from output: String) throws {
            try OutputDirectory.link(from: (output as NSString).appendingPathComponent(relative), to: prepare(relative))
        }

        /// The file's path in the staging tree, its folder created once.
        private func prepare(_ relative: String) throws -> String {
            let destination = (path as NSString).appendingPathComponent(relative)
            let folder = (destination as NSString).deletingLastPathComponent
            if folders.insert(folder).inserted {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            return destination
        }
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

    private func isSymlink(_ path: String) -> Bool { Self.isSymlink(path) }

    static func isSymlink(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    private static func link(from source: String, to destination: String) throws {
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
            try Self.link(from: source, to: destination)
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
