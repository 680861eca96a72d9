/// Error raised by ``PromQLRegexParser``; the message uses Go's wording.
struct PromQLRegexSyntaxError: Error {
    var message: String
}
