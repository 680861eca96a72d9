import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A compile killed with SIGKILL at any moment leaves the complete old or the complete new output.
@Suite struct KillTests {
    static func writeSpecs(_ folder: TemporaryFolder, objective: String, count: Int) throws {
        for index in 0..<count {
            try folder.write(
                "slo/svc-\(index).yaml",
                """
                version: slo/v1
                service: svc-\(index)
                slos:
                  - name: availability
                    objective: \(objective)
                    sli:
                      errors: http_requests_total{job="svc-\(index)",code=~"5.."}
                      total: http_requests_total{job="svc-\(index)"}

                """)
        }
    }

    /// Every file under `root`, relative path → bytes.
    static func snapshot(_ root: String) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return result }
        while let relative = enumerator.nextObject() as? String {
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return result
    }

    @Test func killedCompileLeavesOldOrNewOutput() async throws {
        // 100 specs of one SLO each, the whole compile (rules, fire-tests, documents): 302 files
        // written through the staging folder and one atomic exchange. Kills land in proportion to
        // the run's phases whatever its length, so more specs only make the test slower.
        let specCount = 100
        let compile = ["compile"]
        let folder = try TemporaryFolder()
        try Self.writeSpecs(folder, objective: "99.9", count: specCount)
        #expect(try await SLOProcess.run(compile + ["-o", "old"], in: folder.path).status == 0)
        try Self.writeSpecs(folder, objective: "99.5", count: specCount)
        let newRun = try await SLOProcess.run(compile + ["-o", "new"], in: folder.path)
        #expect(newRun.status == 0)
        let old = Self.snapshot(folder.path + "/old")
        let new = Self.snapshot(folder.path + "/new")
        #expect(old.count == 3 * specCount + 2 && new.count == old.count && old != new)
        var generator = SystemRandomNumberGenerator()
        var outcomes: [String: Int] = [:]
        for _ in 0..<20 {
            // Start from the old output (and no staging folder of an earlier kill), then kill a
            // compile that would write the new one at a random moment of its run (or just after).
            for entry in try FileManager.default.contentsOfDirectory(atPath: folder.path)
            where entry == "generated" || entry.hasPrefix(".generated.slo-staging-") {
                try FileManager.default.removeItem(atPath: folder.path + "/" + entry)
            }
            try FileManager.default.copyItem(atPath: folder.path + "/old", toPath: folder.path + "/generated")
            let delay = Double.random(in: 0...(newRun.seconds * 1.2), using: &generator)
            let pid = try SLOProcess.start(compile, in: folder.path)
            try await Task.sleep(for: .seconds(delay))
            let writing =
                (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?
                .contains { $0.hasPrefix(".generated.slo-staging-") } ?? false
            kill(pid, SIGKILL)
            _ = await ChildProcess.exitStatus(of: pid)
            let now = Self.snapshot(folder.path + "/generated")
            let state = now == old ? "old" : now == new ? "new" : "mixed"
            outcomes[state, default: 0] += 1
            if writing { outcomes["killed while writing", default: 0] += 1 }
            #expect(state != "mixed", "killed after \(delay) s: generated/ is neither the old nor the new output")
        }
        #expect(outcomes["mixed"] == nil)
        // Not vacuous: some kills must land while the new output is being written.
        #expect(outcomes["killed while writing", default: 0] > 0, "\(outcomes)")
        print("kill test: \(specCount) specs, compile \((newRun.seconds * 10).rounded() / 10) s, outcomes \(outcomes)")
    }
}
