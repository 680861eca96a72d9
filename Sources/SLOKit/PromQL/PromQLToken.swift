/// A token produced by ``PromQLLexer``. Offsets are UTF-8 byte offsets into
/// the query; they are converted to scalar offsets only when a node or an
/// error needs them.
struct PromQLToken {
    var kind: PromQLTokenKind
    var start: Int
    var end: Int
}
