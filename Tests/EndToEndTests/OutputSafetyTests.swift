import Foundation
import Testing

/// The output folder is the only place `slo compile` writes: no service name leaves it, and no
/// symbolic link inside it leads a write, a hard link or a deletion out of it.
@Suite struct OutputSafetyTests {
    static let spec = ValidateCommandTests.good
    let manager = FileManager.default

    func isSymlink(_ path: String) -> Bool {
        (try? manager.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    /// Every file under `root`, relative path → bytes (links are not followed).
    func snapshot(_ root: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for relative in manager.subpaths(atPath: root) ?? [] {
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = manager.contents(atPath: path)
            }
        }
        return result
    }

    @Test(arguments: ["..", "../outside", "/tmp/x", "a/b", ".", "con", "reports", "index.md"])
    func hostileServiceNameWritesNothing(_ name: String) async throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "slo/orders.yaml", Self.spec.replacingOccurrences(of: "service: orders-api", with: "service: '\(name)'"))
        let outcome = try await SLOProcess.run(["compile", "-o", "out/generated"], in: folder.path)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("[SLO307]"), "\(outcome.stderr)")
        #expect(try manager.contentsOfDirectory(atPath: folder.path).sorted() == ["slo"], "nothing written anywhere")
    }

    @Test func symlinkedServiceFolderIsReplacedNotWrittenThrough() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/orders.yaml", Self.spec)
        try folder.write("outside/keep.txt", "mine\n")
        #expect(try await SLOProcess.run(["compile"], in: folder.path).status == 0)
        let service = folder.path + "/generated/orders-api"
        try manager.removeItem(atPath: service)
        try manager.createSymbolicLink(atPath: service, withDestinationPath: folder.path + "/outside")
        let outcome = try await SLOProcess.run(["compile"], in: folder.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(snapshot(folder.path + "/outside") == ["keep.txt": Data("mine\n".utf8)], "outside untouched")
        #expect(!isSymlink(service) && manager.fileExists(atPath: service + "/rules.yml"))
    }

    @Test func symlinkedFileIsReplacedNotLinkedOrFollowed() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/orders.yaml", Self.spec)
        #expect(try await SLOProcess.run(["compile"], in: folder.path).status == 0)
        let rules = folder.path + "/generated/orders-api/rules.yml"
        // The link points at a file with exactly the compiled bytes: it must still not count as unchanged.
        let outside = try folder.write("outside/rules.yml", try String(contentsOfFile: rules, encoding: .utf8))
        try manager.removeItem(atPath: rules)
        try manager.createSymbolicLink(atPath: rules, withDestinationPath: outside)
        let before = try manager.attributesOfItem(atPath: outside)[.systemFileNumber] as? NSNumber
        let outcome = try await SLOProcess.run(["compile"], in: folder.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("1 written"), "\(outcome.stdout)")
        #expect(!isSymlink(rules))
        let after = try manager.attributesOfItem(atPath: outside)
        #expect(after[.systemFileNumber] as? NSNumber == before)
        #expect((after[.referenceCount] as? NSNumber)?.intValue == 1, "no hard link to the outside file")
        #expect(try await SLOProcess.run(["compile", "--check"], in: folder.path).status == 0)
    }

    @Test func symlinksInsideReportsAndStaleEntriesNeverDeleteTheirTargets() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/orders.yaml", Self.spec)
        try folder.write("outside/data/keep.txt", "mine\n")
        #expect(try await SLOProcess.run(["compile"], in: folder.path).status == 0)
        let generated = folder.path + "/generated"
        try manager.createSymbolicLink(atPath: generated + "/stale-link", withDestinationPath: folder.path + "/outside")
        try manager.createDirectory(atPath: generated + "/reports", withIntermediateDirectories: true)
        try manager.createSymbolicLink(
            atPath: generated + "/reports/data", withDestinationPath: folder.path + "/outside/data")
        let outcome = try await SLOProcess.run(["compile"], in: folder.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("1 removed"), "\(outcome.stdout)")
        #expect(!manager.fileExists(atPath: generated + "/stale-link") && !isSymlink(generated + "/stale-link"))
        #expect(isSymlink(generated + "/reports/data"), "reports/ is carried over as it was")
        #expect(snapshot(folder.path + "/outside") == ["data/keep.txt": Data("mine\n".utf8)], "outside untouched")
    }

    @Test func symlinkedOutputFolderIsRefused() async throws {
        let folder = try TemporaryFolder()
        try folder.write("slo/orders.yaml", Self.spec)
        try folder.write("outside/keep.txt", "mine\n")
        try manager.createSymbolicLink(
            atPath: folder.path + "/generated", withDestinationPath: folder.path + "/outside")
        let outcome = try await SLOProcess.run(["compile"], in: folder.path)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("is a symbolic link"), "\(outcome.stderr)")
        #expect(snapshot(folder.path + "/outside") == ["keep.txt": Data("mine\n".utf8)])
        #expect(isSymlink(folder.path + "/generated"))
    }
}
