extension String {
    /// `String(validating:as:)` without Foundation; `nil` for invalid UTF-8.
    init?(promQLValidatingUTF8 bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
