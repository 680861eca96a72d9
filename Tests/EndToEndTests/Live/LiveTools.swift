// tier: integration
import Foundation
import Testing

/// Child processes for the live tests (amtool, Prometheus, Alertmanager, slo), awaited without
/// blocking Swift's cooperative pool: the exit is delivered by `Process`'s termination handler on
/// a thread of its own, so a test waiting for a tool never stalls the tests running beside it.
enum LiveTools {
    struct Outcome: Sendable {
        var status: Int32
        var output: String
    }

    /// Runs `executable` to completion; stdout and stderr together (they go to a file, so a
    /// chatty tool cannot block on a full pipe).
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) async throws -> Outcome {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("slo-live-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let output = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
        return Outcome(status: status, output: output)
    }

    /// The built `slo`.
    static var slo: String { SLOProcess.executable }

    /// The repository root (this file is `Tests/EndToEndTests/Live/LiveTools.swift`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh scratch folder, removed by the caller.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("slo-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The labels of every alert rule in a rule file `slo` wrote (one `- alert:` entry per rule,
    /// its `labels:` mapping indented below it, one `key: value` a line).
    static func alertLabels(ruleFile text: String) -> [[String: String]] {
        var alerts: [[String: String]] = []
        var current: [String: String]?
        var inLabels = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  - alert: ") {
                if let current { alerts.append(current) }
                current = ["alertname": String(line.dropFirst("  - alert: ".count))]
                inLabels = false
            } else if line.hasPrefix("  - ") || line.hasPrefix("- ") {
                if let current { alerts.append(current) }
                current = nil
                inLabels = false
            } else if current != nil, line == "    labels:" {
                inLabels = true
            } else if current != nil, inLabels, line.hasPrefix("      "), let colon = line.firstIndex(of: ":") {
                let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if value.count >= 2, value.first == "\"" || value.first == "'", value.last == value.first {
                    value = String(value.dropFirst().dropLast())
                }
                current?[key] = value
            } else if line.hasPrefix("    ") && !line.hasPrefix("      ") {
                inLabels = false
            }
        }
        if let current { alerts.append(current) }
        return alerts
    }

    /// An Alertmanager config with `fragment` (an `alertmanager.yml` from `slo compile`) merged in
    /// as docs/DEPLOYING.md tells users to: its route first under the root's `routes:`, its
    /// inhibit rules added, its receivers defined (here as webhooks to `webhook`, or empty).
    static func mergedAlertmanagerConfig(
        fragment: String, receivers: [String], webhook: String? = nil, groupWait: String = "30s",
        groupInterval: String = "5m"
    ) -> String {
        var route: [Substring] = []
        var inhibit: [Substring] = []
        var section = ""
        for line in fragment.split(separator: "\n") where !line.hasPrefix("#") {
            if line == "route:" || line == "inhibit_rules:" {
                section = String(line)
            } else if section == "route:" {
                route.append(line.dropFirst(2))
            } else if section == "inhibit_rules:" {
                inhibit.append(line)
            }
        }
        var text = """
            route:
              receiver: default
              group_wait: \(groupWait)
              group_interval: \(groupInterval)
              repeat_interval: 4h
              routes:

            """
        for (index, line) in route.enumerated() { text += (index == 0 ? "  - " : "    ") + line + "\n" }
        text += "  - receiver: default\n    matchers: [team=\"other\"]\n"
        text += "inhibit_rules:\n" + inhibit.map { $0 + "\n" }.joined()
        text += "receivers:\n- name: default\n"
        for receiver in receivers {
            text += "- name: \(receiver)\n"
            if let webhook {
                text += "  webhook_configs:\n  - url: \(webhook)/\(receiver)\n    send_resolved: true\n"
            }
        }
        return text
    }
}
