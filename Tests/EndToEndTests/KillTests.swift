import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A compile killed with SIGKILL at any moment leaves the complete old or the complete new output.
@Suite(.serialized) struct KillTests {
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

    @Test func killedCompileLeavesOldOrNewOutput() throws {
        // 200 specs keep this under a minute in the debug build the suite uses; the mechanism (one
        // atomic folder exchange) does not depend on the count.
        let specCount = 200
        let folder = try TemporaryFolder()
        try Self.writeSpecs(folder, objective: "99.9", count: specCount)
        #expect(try SLOProcess.run(["compile", "-o", "old"], in: folder.path).status == 0)
        try Self.writeSpecs(folder, objective: "99.5", count: specCount)
        let newRun = try SLOProcess.run(["compile", "-o", "new"], in: folder.path)
        #expect(newRun.status == 0)
        let old = Self.snapshot(folder.path + "/old")
        let new = Self.snapshot(folder.path + "/new")
        #expect(old.count >= 3 * specCount && new.count == old.count && old != new)
        var outcomes: [String: Int] = [:]
        for attempt in 0..<20 {
            // Start from the old output, then kill a compile that would write the new one.
            try? FileManager.default.removeItem(atPath: folder.path + "/generated")
            try FileManager.default.copyItem(atPath: folder.path + "/old", toPath: folder.path + "/generated")
            let delay = Double(attempt) / 20 * newRun.seconds * 1.2
            let pid = try SLOProcess.start(["compile"], in: folder.path)
            usleep(useconds_t(delay * 1_000_000))
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            let now = Self.snapshot(folder.path + "/generated")
            let state = now == old ? "old" : now == new ? "new" : "mixed"
            outcomes[state, default: 0] += 1
            #expect(state != "mixed", "killed after \(delay) s: generated/ is neither the old nor the new output")
        }
        #expect(outcomes["mixed"] == nil)
    }
}
