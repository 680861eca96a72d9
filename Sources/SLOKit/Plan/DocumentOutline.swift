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
    /// A time series: an SVG chart in HTML, a one-line sparkline in Markdown.
    case chart(DocumentChart)
}

/// A line chart over time. Values are plain numbers; `format` says how to print them.
public struct DocumentChart: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        /// 0.25 → 25%
        case percent
        /// 2 → 2×
        case factor
    }

    public var title: String
    public var format: Format
    /// The x axis in unix seconds (a calendar period's axis runs to its end, beyond the data).
    public var start: Int64
    public var end: Int64
    public var points: [Point]
    /// Horizontal lines worth seeing, e.g. the sustainable burn rate 1× or the empty budget 0%.
    public var references: [Reference]

    public struct Point: Sendable, Hashable {
        public var time: Int64
        public var value: Double
    }

    public struct Reference: Sendable, Hashable {
        public var value: Double
        public var label: String
    }
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
