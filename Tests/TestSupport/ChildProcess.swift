import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a helper program (slo, promtool, chromium, python3, openssl) as a child process.
///
/// Waiting happens on a thread of its own, never on Swift's cooperative pool: that pool has one
/// thread per core, and a test blocked in `waitUntilExit` there stalls every other test (one suite
/// once "passed after 562 s" that way). Output goes to files, so a chatty child cannot block on a
/// full pipe. Children start with default signal handling and an empty signal mask: the test runner
/// blocks SIGTERM on its threads, and a child spawned from one would otherwise ignore `kill`.
public enum ChildProcess {
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Wall time from start to exit.
        public var seconds: Double
        /// The child's own peak resident memory (see ``PeakMemory``); nil unless asked for.
        public var peakMemoryMB: Double?
        /// The child's own CPU time, user plus system, measured with its memory: unlike wall time
        /// it does not grow when other tests keep the cores busy.
        public var cpuSeconds: Double?
    }

    /// Runs `executable` to completion.
    /// - Parameters:
    ///   - directory: the child's working directory (the runner's when nil).
    ///   - environment: added to (or replacing entries of) the runner's environment.
    ///   - combineOutput: stderr goes to `stdout` too, in the order written.
    ///   - measureMemory: measure the child's peak memory with GNU time (``PeakMemory``).
    ///   - cpuSeconds: for CPU-bound children (promtool, chromium), the estimated run time: the
    ///     child waits for a ``ProcessSlots`` slot, longest first.
    public static func run(
        _ executable: String, _ arguments: [String], in directory: String? = nil,
        environment: [String: String] = [:], combineOutput: Bool = false, measureMemory: Bool = false,
        cpuSeconds: Double? = nil
    ) async throws -> Outcome {
        if let cpuSeconds { await ProcessSlots.shared.acquire(estimatedSeconds: cpuSeconds) }
        defer { if cpuSeconds != nil { ProcessSlots.shared.release() } }
        let scratch = try ScratchFolder()
        // The folder holds the output files until they have been read.
        defer { withExtendedLifetime(scratch) {} }
        let outPath = scratch.url.appendingPathComponent("stdout").path
        let errPath = scratch.url.appendingPathComponent("stderr").path
        let memoryPath = scratch.url.appendingPathComponent("peak-memory").path
        var command = [executable] + arguments
        if measureMemory { command = try PeakMemory.wrap(command, reportTo: memoryPath) }
        let start = Date()
        let pid = try spawn(
            command, in: directory, environment: environment, stdout: outPath, stderr: combineOutput ? nil : errPath)
        let status = await exitStatus(of: pid)
        let seconds = Date().timeIntervalSince(start)
        // Lenient decoding: promtool quotes invalid UTF-8 from the PromQL corpus back in its errors.
        let read = { (path: String) in
            String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        }
        let measured = measureMemory ? try PeakMemory.read(memoryPath) : nil
        return Outcome(
            status: status, stdout: read(outPath), stderr: combineOutput ? "" : read(errPath), seconds: seconds,
            peakMemoryMB: measured?.peakMB, cpuSeconds: measured?.cpuSeconds)
    }

    /// Starts `command` (the first element is the program) with stdin from /dev/null and stdout
    /// and stderr to the given files (stderr to stdout when nil, /dev/null when both are nil).
    /// The caller reaps it with ``exitStatus(of:)``.
    public static func spawn(
        _ command: [String], in directory: String? = nil, environment: [String: String] = [:],
        stdout: String? = nil, stderr: String? = nil
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let create = O_WRONLY | O_CREAT | O_TRUNC
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", create, 0o644)
        if let stderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, create, 0o644)
        } else if stdout == nil {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // Glibc's module does not export posix_spawn_file_actions_addchdir_np: `sh` changes
        // folder and then execs the command, so the pid is still the command's own.
        var command = command
        if let directory { command = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory] + command }
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw ChildProcessError(description: "cannot start \(command[0]): \(String(cString: strerror(spawned)))")
        }
        return pid
    }

    /// Waits for `pid` on a dedicated thread and returns its exit status (128 + N when signal N
    /// ended it), leaving the cooperative pool free meanwhile.
    public static func exitStatus(of pid: pid_t) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                continuation.resume(returning: decode(status))
            }
        }
    }

    /// The shell's convention: the exit code, or 128 + the signal that ended the process.
    static func decode(_ status: Int32) -> Int32 {
        (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

public struct ChildProcessError: Error, CustomStringConvertible {
    public let description: String
}

/// A long-running child (a server) that a test stops when it is done with it.
public final class RunningChild: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var reaped = false

    public init(_ command: [String], in directory: String? = nil, log: String? = nil) throws {
        pid = try ChildProcess.spawn(command, in: directory, stdout: log)
    }

    /// Sends `signal` and waits (off the cooperative pool) until the child has exited.
    public func stop(signal: Int32 = SIGTERM) async {
        guard claim() else { return }
        kill(pid, signal)
        _ = await ChildProcess.exitStatus(of: pid)
    }

    /// A child nobody stopped is killed, so no server outlives its test.
    deinit {
        guard claim() else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// True the first time only: one caller reaps the child.
    private func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if reaped { return false }
        reaped = true
        return true
    }
}
