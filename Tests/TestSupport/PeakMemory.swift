import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Peak resident memory of a child process, measured so that the figure is the child's own.
///
/// The obvious way is wrong on Linux: `posix_spawn` in glibc clones with `CLONE_VM|CLONE_VFORK`,
/// so until `exec` the child runs in the test runner's address space, and at `exec` the kernel
/// folds the high-water RSS of the address space being replaced into the child's `ru_maxrss`.
/// `wait4` then reports the runner's size (218.9 MB in one run, 243.8 MB in another) for every
/// child. GNU time (`time -f %M`) avoids it: it is a 2 MB process that starts the command with
/// `fork`, so the address space replaced at `exec` is a copy of its own small one, and the
/// `ru_maxrss` it reads from `wait4` is the command's peak (at least time's 2 MB).
/// `PeakMemoryTests` checks this while the runner holds hundreds of megabytes.
public enum PeakMemory {
    static let gnuTime = "/usr/bin/time"

    /// `command` run under GNU time, which writes its user and system CPU seconds and the peak
    /// in kB to `path`.
    static func wrap(_ command: [String], reportTo path: String) throws -> [String] {
        guard FileManager.default.isExecutableFile(atPath: gnuTime) else {
            throw ChildProcessError(
                description: "GNU time is not installed: run scripts/install-deps.sh --test (Debian package `time`)")
        }
        _ = RunnerBallast.heldMB
        return [gnuTime, "--format=%U %S %M", "--output=\(path)", "--"] + command
    }

    /// The figures GNU time wrote on its last line (earlier lines say how the command ended):
    /// the peak in MB and the CPU seconds, user plus system.
    static func read(_ path: String) throws -> (peakMB: Double, cpuSeconds: Double) {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let fields = text.split(separator: "\n").last?.split(separator: " ").compactMap { Double($0) } ?? []
        guard fields.count == 3 else {
            throw ChildProcessError(description: "GNU time reported no CPU time and peak memory: `\(text)`")
        }
        return (fields[2] / 1024, fields[0] + fields[1])
    }

    /// The runner's current resident memory (VmRSS in /proc/self/status), in MB.
    public static func runnerResidentMB() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
        return kilobytes / 1024
    }

    /// `ru_maxrss` of a child started with `posix_spawn` and reaped with `wait4`, in MB: the
    /// measurement this type replaces, kept so a test can show that it reports the runner.
    public static func spawnAndWait4(_ command: [String]) throws -> Double {
        let pid = try ChildProcess.spawn(command)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        return Double(usage.ru_maxrss) / 1024
    }
}

/// Memory the test runner holds on purpose, resident (every page written), until it exits.
///
/// `SLO_TEST_BALLAST_MB=500` (the test command sets it for the integration tier) makes every
/// measured child run while the runner is that much larger, so a measurement that leaked the
/// runner's size into the child's figure would fail every memory limit.
public enum RunnerBallast {
    /// The megabytes held; allocated on first use (before the first measured child starts).
    public static let heldMB: Int = {
        let megabytes = Int(ProcessInfo.processInfo.environment["SLO_TEST_BALLAST_MB"] ?? "") ?? 0
        if megabytes > 0 { _ = ResidentBlock(megabytes: megabytes, keep: true) }
        return megabytes
    }()
}

/// A block of memory made resident by writing every page; freed when released unless kept.
public final class ResidentBlock {
    private let pointer: UnsafeMutableRawPointer
    private let keep: Bool

    public init(megabytes: Int, keep: Bool = false) {
        let bytes = megabytes << 20
        pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
        memset(pointer, 0x5A, bytes)
        self.keep = keep
    }

    deinit { if !keep { pointer.deallocate() } }
}
