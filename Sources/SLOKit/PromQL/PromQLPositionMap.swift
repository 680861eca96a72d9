/// Converts UTF-8 byte offsets of a query into Unicode-scalar offsets.
///
/// Queries are almost always ASCII, where both are the same; only for other
/// queries a lookup table is built once, so the lexer can work on raw bytes.
struct PromQLPositionMap {
    private let table: [Int32]?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            table = nil
            return
        }
        var table = [Int32](repeating: 0, count: bytes.count + 1)
        var scalars: Int32 = 0
        for index in 0..<bytes.count {
            table[index] = scalars
            // Count only the first byte of each scalar (continuation bytes are 0b10xxxxxx).
            if bytes[index] & 0xC0 != 0x80 { scalars += 1 }
        }
        table[bytes.count] = scalars
        // Continuation bytes should map to the scalar they belong to.
        for index in 0..<bytes.count where bytes[index] & 0xC0 == 0x80 {
            table[index] = table[index] - 1 < 0 ? 0 : table[index] - 1
        }
        self.table = table
    }

    @inline(__always)
    func scalarOffset(_ byteOffset: Int) -> Int {
        guard let table else { return byteOffset }
        return Int(table[byteOffset])
    }

    @inline(__always)
    func scalarRange(_ start: Int, _ end: Int) -> Range<Int> {
        scalarOffset(start)..<scalarOffset(end)
    }
}
