import Foundation
import Testing

/// The peak memory every `slo` run is measured with is the child's own, not the test runner's.
@Suite struct PeakMemoryTests {
    /// While the runner holds more than 300 MB, a tiny child measures a few MB; the same child
    /// started with `posix_spawn` and measured with `wait4` "uses" the runner's size, which is the
    /// trap this measurement avoids (and proof that this test can fail).
    @Test func aTinyChildMeasuresItselfWhileTheRunnerIsLarge() async throws {
        let held = ResidentBlock(megabytes: 320)
        defer { withExtendedLifetime(held) {} }
        #expect(PeakMemory.runnerResidentMB() > 300)
        let tiny = try await ChildProcess.run("/bin/true", [], measureMemory: true)
        #expect(tiny.status == 0)
        let measured = try #require(tiny.peakMemoryMB)
        #expect(measured > 0.2 && measured < 10, "a tiny child measured \(measured) MB")
        let naive = try PeakMemory.spawnAndWait4(["/bin/true"])
        #expect(naive > 300, "posix_spawn + wait4 reported \(naive) MB: the kernel no longer leaks the parent's size")
    }

    /// `slo` itself is measured the same way: `validate` of a small spec needs tens of MB at most.
    @Test func sloIsMeasuredAsItself() async throws {
        let held = ResidentBlock(megabytes: 320)
        defer { withExtendedLifetime(held) {} }
        let folder = try TemporaryFolder()
        let path = try folder.write("spec.yaml", ValidateCommandTests.good)
        let outcome = try await SLOProcess.run(["validate", path])
        #expect(outcome.status == 0)
        #expect(outcome.peakMB > 1 && outcome.peakMB < 100, "slo validate measured \(outcome.peakMB) MB")
    }

    /// With `SLO_TEST_BALLAST_MB` set (the test command sets 500 for the integration tier), the
    /// runner really is that large while every other test here measures its children.
    @Test(.enabled(if: RunnerBallast.heldMB > 0, "SLO_TEST_BALLAST_MB is not set"))
    func theRunnerHoldsItsBallast() {
        #expect(PeakMemory.runnerResidentMB() >= Double(RunnerBallast.heldMB))
        print(
            "the test runner holds \(RunnerBallast.heldMB) MB of ballast: \(Int(PeakMemory.runnerResidentMB())) MB resident"
        )
    }
}
