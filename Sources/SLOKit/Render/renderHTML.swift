/// A self-contained HTML page for a document outline: inline CSS with print styles, no scripts,
/// no external resources, every string escaped.
func renderHTML(_ outline: DocumentOutline, extraStyle: String = "") -> String {
    var body = "<h1>\(HTML.escape(outline.title))</h1>\n"
    for block in outline.blocks {
        switch block {
        case .heading(let level, let text):
            let tag = "h\(max(2, min(level, 6)))"
            body += "<\(tag)>\(HTML.escape(text))</\(tag)>\n"
        case .paragraph(let inlines):
            body += "<p>\(html(inlines))</p>\n"
        case .table(let header, let rows):
            body += header == nil ? "<table class=\"facts\">\n" : "<table>\n"
            if let header {
                body += "<thead><tr>" + header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead>\n"
            }
            body += "<tbody>\n"
            for row in rows {
                let cells = row.enumerated().map { index, cell in
                    header == nil && index == 0 ? "<th scope=\"row\">\(html(cell))</th>" : "<td>\(html(cell))</td>"
                }
                body += "<tr>" + cells.joined() + "</tr>\n"
            }
            body += "</tbody>\n</table>\n"
        case .list(let items):
            body += "<ul>\n" + items.map { "<li>\(html($0))</li>\n" }.joined() + "</ul>\n"
        case .code(let code, _):
            body += "<pre><code>\(HTML.escape(code))</code></pre>\n"
        case .chart(let chart):
            body += "<figure>\n\(ChartRenderer.svg(chart))</figure>\n"
        }
    }
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(outline.title))</title>
        <style>
        \(HTML.style)\(extraStyle.isEmpty ? "" : "\n" + extraStyle)
        </style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
}

private func html(_ inlines: [DocumentInline]) -> String {
    inlines.map { inline in
        switch inline {
        case .text(let text): HTML.escape(text)
        case .code(let code): "<code>\(HTML.escape(code))</code>"
        case .strong(let text): "<strong>\(HTML.escape(text))</strong>"
        case .link(let text, let url):
            url.hasPrefix("https://") || url.hasPrefix("http://") || Markdown.isSiblingFile(url)
                ? "<a href=\"\(HTML.escape(url))\">\(HTML.escape(text))</a>" : "<code>\(HTML.escape(url))</code>"
        }
    }.joined()
}

enum HTML {
    /// Text and attribute values: `&`, `<`, `>`, both quotes.
    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let style = """
        :root { color-scheme: light; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
          color: #1b1f24; background: #fff; margin: 0; }
        main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
        h1 { font-size: 1.9rem; margin: 0 0 1rem; border-bottom: 3px solid #1b1f24; padding-bottom: .4rem; }
        h2 { font-size: 1.35rem; margin: 2rem 0 .6rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
        h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
        table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; }
        th, td { border: 1px solid #d0d7de; padding: .35rem .6rem; text-align: left; vertical-align: top; }
        thead th { background: #f3f5f7; }
        table.facts th { width: 14rem; background: #f8f9fa; font-weight: 600; }
        code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f3f5f7;
          padding: .05rem .25rem; border-radius: 3px; overflow-wrap: anywhere; }
        pre { background: #f3f5f7; padding: .7rem .9rem; border-radius: 4px; white-space: pre-wrap;
          overflow-wrap: anywhere; }
        pre code { background: none; padding: 0; }
        @media print {
          body { font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          h2, h3 { break-after: avoid; }
          table, pre { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          a[href]::after { content: " (" attr(href) ")"; font-size: .9em; }
          @page { margin: 18mm 16mm; }
        }
        """
}
