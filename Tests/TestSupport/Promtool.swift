import Foundation
import Testing

/// The real `promtool`; tests that need it fail (never skip) when it is missing.
enum Promtool {
    static var path: String? {
        let environment = ProcessInfo.processInfo.environment
        let candidates =
            [environment["PROMTOOL"]].compactMap { $0 }
            + (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/promtool" }
            + ["/usr/bin/promtool", "/usr/local/bin/promtool"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Outcome {
        var status: Int32
        var output: String
    }

    static func run(_ arguments: [String], in directory: String? = nil) throws -> Outcome {
        let path = try #require(
            path, "promtool is not installed: run scripts/test.sh (it installs Debian's prometheus package)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}

extension Promtool {
    /// Runs several promtool commands, `width` at a time (the machines have two cores); output
    /// goes to files so a chatty failure cannot block on a full pipe.
    static func runParallel(_ commands: [[String]], width: Int = 2) throws -> [Outcome] {
        let path = try #require(
            path, "promtool is not installed: run scripts/test.sh (it installs Debian's prometheus package)")
        let scratch = try ScratchFolder()
        var outcomes = [Outcome?](repeating: nil, count: commands.count)
        var running: [(index: Int, process: Process, output: URL)] = []
        var next = 0
        while next < commands.count || !running.isEmpty {
            while running.count < width, next < commands.count {
                let output = scratch.url.appendingPathComponent("out-\(next)")
                _ = FileManager.default.createFile(atPath: output.path, contents: nil)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: path)
                process.arguments = commands[next]
                let handle = try FileHandle(forWritingTo: output)
                process.standardOutput = handle
                process.standardError = handle
                try process.run()
                running.append((next, process, output))
                next += 1
            }
            let first = running.removeFirst()
            first.process.waitUntilExit()
            let text = (try? String(contentsOf: first.output, encoding: .utf8)) ?? ""
            outcomes[first.index] = Outcome(status: first.process.terminationStatus, output: text)
        }
        return outcomes.map { $0! }
    }
}

/// A scratch folder removed when the test ends.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("slo-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ relative: String, _ contents: String) throws -> String {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
        return file.path
    }
}
