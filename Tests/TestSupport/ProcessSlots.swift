import Foundation
import Synchronization

/// At most one CPU-bound child (promtool, chromium) per core at a time, longest first.
///
/// Tests run concurrently; without a bound, thirty fire-test files would start thirty promtools
/// on two cores, each slower than alone. Waiting children start in order of their estimated
/// cost, longest first, so that the last minute is not one long promtool run on one core while
/// the other idles. Children that mostly wait (a stalled `slo report`, a fake server) take no slot.
public final class ProcessSlots: Sendable {
    public static let shared = ProcessSlots(width: max(1, ProcessInfo.processInfo.activeProcessorCount))

    private struct State {
        var free: Int
        /// Sorted by estimated seconds, longest first; equal estimates in arrival order.
        var waiting: [(seconds: Double, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state: Mutex<State>

    public init(width: Int) {
        state = Mutex(State(free: width))
    }

    /// Returns once a slot is free for a child expected to run `estimatedSeconds`; pair every
    /// call with ``release()``.
    public func acquire(estimatedSeconds: Double) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { state in
                if state.free > 0 {
                    state.free -= 1
                    return true
                }
                let position = state.waiting.firstIndex { $0.seconds < estimatedSeconds } ?? state.waiting.count
                state.waiting.insert((estimatedSeconds, continuation), at: position)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    public func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst().continuation
        }
        next?.resume()
    }
}
