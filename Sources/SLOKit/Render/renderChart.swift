/// Charts for reports: inline SVG (no scripts, no external resources) and Markdown sparklines.
enum ChartRenderer {
    static let width = 720.0
    static let height = 210.0
    private static let left = 60.0
    private static let right = 16.0
    private static let top = 30.0
    private static let bottom = 30.0

    static func svg(_ chart: DocumentChart) -> String {
        let values = chart.points.map(\.value).filter(\.isFinite)
        let references = chart.references.map(\.value)
        let low = min(0, values.min() ?? 0)
        var high = max(values.max() ?? 1, references.max() ?? 1)
        var ticks: [Double]
        switch chart.format {
        case .percent:
            high = max(high, 1)
            ticks = [0, 0.5, 1] + (low < 0 ? [low] : []) + (high > 1 ? [high] : [])
        case .factor:
            high = niceCeiling(high)
            ticks = [0, high / 2, high]
        }
        // Headroom above the highest tick, so the line never runs along the frame.
        let ceiling = high + (high - low) * 0.06
        let span = Double(max(1, chart.end - chart.start))
        func x(_ time: Int64) -> Double { left + (width - left - right) * Double(time - chart.start) / span }
        func y(_ value: Double) -> Double {
            top + (height - top - bottom) * (1 - (min(max(value, low), ceiling) - low) / (ceiling - low))
        }
        func number(_ value: Double) -> String { NumberFormat.clean((value * 10).rounded() / 10) }
        var out =
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" aria-label=\"\(HTML.escape(chart.title))\">\n"
        out += "<title>\(HTML.escape(chart.title))</title>\n"
        out += "<text class=\"chart-title\" x=\"\(number(left))\" y=\"18\">\(HTML.escape(chart.title))</text>\n"
        out +=
            "<rect class=\"plot\" x=\"\(number(left))\" y=\"\(number(top))\" width=\"\(number(width - left - right))\" height=\"\(number(height - top - bottom))\"/>\n"
        for tick in ticks {
            out +=
                "<text class=\"tick\" x=\"\(number(left - 6))\" y=\"\(number(y(tick) + 4))\" text-anchor=\"end\">\(HTML.escape(label(tick, chart.format)))</text>\n"
        }
        for reference in chart.references where reference.value >= low && reference.value <= ceiling {
            out +=
                "<line class=\"reference\" x1=\"\(number(left))\" y1=\"\(number(y(reference.value)))\" x2=\"\(number(width - right))\" y2=\"\(number(y(reference.value)))\"/>\n"
            out +=
                "<text class=\"tick\" x=\"\(number(width - right - 4))\" y=\"\(number(y(reference.value) - 4))\" text-anchor=\"end\">\(HTML.escape(reference.label))</text>\n"
        }
        out +=
            "<text class=\"tick\" x=\"\(number(left))\" y=\"\(number(height - 10))\">\(HTML.escape(UTCTime.readable(chart.start)))</text>\n"
        out +=
            "<text class=\"tick\" x=\"\(number(width - right))\" y=\"\(number(height - 10))\" text-anchor=\"end\">\(HTML.escape(UTCTime.readable(chart.end)))</text>\n"
        let path = chart.points.filter { $0.value.isFinite }.map { "\(number(x($0.time))),\(number(y($0.value)))" }
        if !path.isEmpty {
            out +=
                "<polyline class=\"series\" data-points=\"\(path.count)\" points=\"\(path.joined(separator: " "))\"/>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// 1, 2 or 5 times a power of ten, at or above `value`.
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= value { power *= 10 }
        while power > value { power /= 10 }
        for factor in [1.0, 2, 5, 10] where factor * power >= value { return factor * power }
        return 10 * power
    }

    static func label(_ value: Double, _ format: DocumentChart.Format) -> String {
        switch format {
        case .percent: NumberFormat.clean((value * 100).rounded()) + "%"
        case .factor: NumberFormat.clean((value * 10).rounded() / 10) + "×"
        }
    }

    /// `▇▇▆▅▃▁` from the values, at most 60 characters (averaging neighbours).
    static func sparkline(_ chart: DocumentChart) -> String {
        let values = chart.points.map(\.value).filter(\.isFinite)
        guard !values.isEmpty else { return "" }
        let buckets = min(60, values.count)
        var averaged: [Double] = []
        for bucket in 0..<buckets {
            let from = bucket * values.count / buckets
            let to = max(from + 1, (bucket + 1) * values.count / buckets)
            averaged.append(values[from..<to].reduce(0, +) / Double(to - from))
        }
        let bars = Array("▁▂▃▄▅▆▇█")
        let low = min(0, averaged.min()!)
        let high = max(averaged.max()!, chart.format == .percent ? 1 : 0)
        return String(
            averaged.map { value in
                high > low ? bars[min(7, Int(((value - low) / (high - low) * 7).rounded()))] : bars[0]
            })
    }

    static let style = """
        svg.chart { width: 100%; max-width: 45rem; height: auto; display: block; margin: .8rem 0 1.2rem; }
        svg.chart .plot { fill: #fafbfc; stroke: #d0d7de; }
        svg.chart .series { fill: none; stroke: #0969da; stroke-width: 2; stroke-linejoin: round; }
        svg.chart .reference { stroke: #cf222e; stroke-width: 1; stroke-dasharray: 4 3; }
        svg.chart text { font: 11px system-ui, sans-serif; fill: #57606a; }
        svg.chart .chart-title { font-size: 13px; font-weight: 600; fill: #1b1f24; }
        @media print { svg.chart { break-inside: avoid; } }
        """
}
