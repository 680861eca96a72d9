/// A document as data: headings, paragraphs, tables, lists and code, before any Markdown or HTML exists.
///
/// Every string in it is plain text; the renderers escape it for their format, so user-supplied
/// text never needs escaping at the point where the document is planned.
struct DocumentOutline: Sendable, Hashable {
    var title: String
    var blocks: [DocumentBlock]
}

enum DocumentBlock: Sendable, Hashable {
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
struct DocumentChart: Sendable, Hashable {
    enum Format: String, Sendable, Hashable {
        /// 0.25 → 25%
        case percent
        /// 2 → 2×
        case factor
    }

    var title: String
    var format: Format
    /// The x axis in unix seconds (a calendar period's axis runs to its end, beyond the data).
    var start: Int64
    var end: Int64
    var points: [Point]
    /// Horizontal lines worth seeing, e.g. the sustainable burn rate 1× or the empty budget 0%.
    var references: [Reference]

    struct Point: Sendable, Hashable {
        var time: Int64
        var value: Double
    }

    struct Reference: Sendable, Hashable {
        var value: Double
        var label: String
    }
}

enum DocumentInline: Sendable, Hashable {
    case text(String)
    case code(String)
    case strong(String)
    case link(text: String, url: String)
}

extension DocumentInline: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    init(stringLiteral value: String) { self = .text(value) }
}
