/// Markdown for a document outline; every string escaped so tables stay tables and no HTML gets through.
func renderMarkdown(_ outline: DocumentOutline) -> String {
    var parts: [String] = ["# \(Markdown.text(outline.title))\n"]
    for block in outline.blocks {
        switch block {
        case .heading(let level, let text):
            parts.append(String(repeating: "#", count: max(2, min(level, 6))) + " " + Markdown.text(text) + "\n")
        case .paragraph(let inlines):
            parts.append(markdown(inlines, inTable: false) + "\n")
        case .table(let header, let rows):
            parts.append(
                Markdown.table(
                    header.map { $0.map(Markdown.text) } ?? ["", ""],
                    rows.map { $0.map { markdown($0, inTable: true) } }))
        case .list(let items):
            parts.append(items.map { "- " + markdown($0, inTable: false) + "\n" }.joined())
        case .code(let code, let language):
            parts.append(Markdown.codeBlock(code, language: language))
        case .chart(let chart):
            let values = chart.points.map(\.value).filter(\.isFinite)
            guard let first = values.first, let last = values.last else { continue }
            parts.append(
                "\(Markdown.text(chart.title)): \(ChartRenderer.sparkline(chart)) "
                    + "\(ChartRenderer.label(first, chart.format)) → \(ChartRenderer.label(last, chart.format))\n")
        }
    }
    return parts.joined(separator: "\n")
}

func markdown(_ inlines: [DocumentInline], inTable: Bool) -> String {
    inlines.map { inline in
        switch inline {
        case .text(let text): Markdown.text(text)
        case .code(let code): Markdown.code(code, inTable: inTable)
        case .strong(let text): "**\(Markdown.text(text))**"
        case .link(let text, let url): Markdown.link(text, url: url, inTable: inTable)
        }
    }.joined()
}
