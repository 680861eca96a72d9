import Synchronization

/// Values computed once per key and shared by the threads of one run: an accumulator, so a class.
///
/// A value is computed outside the lock: two threads may compute the same key once each (the
/// same result), but a slow computation never blocks the other keys.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])

    init() {}

    func value(for key: Key, _ make: (Key) -> Value) -> Value {
        if let known = values.withLock({ $0[key] }) { return known }
        let value = make(key)
        values.withLock { $0[key] = value }
        return value
    }
}
