/// A file a driver produced, relative to the output folder: the library hands files over, the CLI
/// writes them.
public struct OutputFile: Sendable, Hashable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
