/// A document as data: headings, paragraphs, tables, lists and code, before any Markdown or HTML exists.
///
/// Every string in it is plain text; the renderers escape it for their format, so user-supplied
/// text never needs escaping at the point where the document is planned.
public struct DocumentOutline: Sendable, Hashable {
    public var title: String
    public var blocks: [DocumentBlock]
}

public enum DocumentBlock: Sendable, Hashable {
    case heading(level: Int, String)
    case paragraph([DocumentInline])
    /// Two-column facts (`name | value`) when `header` is nil.
    case table(header: [String]?, rows: [[[DocumentInline]]])
    case list([[DocumentInline]])
    case code(String, language: String)
}

public enum DocumentInline: Sendable, Hashable {
    case text(String)
    case code(String)
    case strong(String)
    case link(text: String, url: String)
}

extension DocumentInline: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .text(value) }
}
