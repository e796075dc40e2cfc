import Output
import Navigator

/// A horizontal stacked bar chart as SVG: one bar per row (a tactic), split into segments
/// (Detected / Logged / Blind) scaled to the row's total, each segment's count printed on it
/// in black or white by contrast ratio, a legend with each segment's letter, and each row's
/// total at its end. Sized for an A4 page; text stays at least 8 pt printed.
///
/// ```swift
/// let chart = StackedBars(
///     segments: [.init(name: "Detected", color: "#2166ac"), .init(name: "Blind", color: "#b2182b")],
///     rows: [.init(label: "Execution", values: [12, 5])])
/// let svg = chart.svg(title: "Coverage by tactic")
/// ```
public struct StackedBars: Sendable, Hashable {
    /// One kind of segment.
    public struct Segment: Sendable, Hashable {
        public var name: String
        /// `#rrggbb`.
        public var color: String
    }

    /// One bar.
    public struct Row: Sendable, Hashable {
        public var label: String
        /// One value per segment, in segment order.
        public var values: [Int]
    }

    public var segments: [Segment]
    public var rows: [Row]

    /// The chart as an SVG document.
    public func svg(title: String) -> String {
        let width = 760.0, labelWidth = 170.0, barWidth = 520.0, barHeight = 15.0, gap = 4.0, top = 50.0
        let height = top + Double(rows.count) * (barHeight + gap) + 12
        var out = ##"<?xml version="1.0" encoding="UTF-8"?>"## + "\n"
        out += ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(n(width))" height="\##(n(height))" viewBox="0 0 \##(n(width)) \##(n(height))" font-family="Helvetica, Arial, sans-serif" role="img" aria-label="\##(Escape.xml(title))">"## + "\n"
        out += ##"<rect width="100%" height="100%" fill="#ffffff"/>"##
        out += ##"<text x="0" y="16" font-size="14" font-weight="bold">\##(Escape.xml(title))</text>"## + "\n"
        var x = 0.0
        for s in segments {
            let fill = RGBColor(parsing: s.color) ?? RGBColor(red: 200, green: 200, blue: 200)
            let letter = String(s.name.prefix(1))
            out += ##"<rect x="\##(n(x))" y="24" width="16" height="14" fill="\##(fill.hex)"/>"##
            out += ##"<text x="\##(n(x + 4))" y="35" font-size="10" font-weight="bold" fill="\##(fill.contrastingText)">\##(Escape.xml(letter))</text>"##
            out += ##"<text x="\##(n(x + 21))" y="35" font-size="11">\##(Escape.xml(s.name))</text>"## + "\n"
            x += 30 + Double(s.name.count) * 6.5
        }
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * (barHeight + gap)
            let total = row.values.reduce(0, +)
            out += ##"<text x="\##(n(labelWidth - 6))" y="\##(n(y + 11.5))" font-size="11" text-anchor="end">\##(Escape.xml(row.label))</text>"##
            var offset = labelWidth
            for (k, value) in row.values.enumerated() where k < segments.count && value > 0 && total > 0 {
                let w = barWidth * Double(value) / Double(total)
                let fill = RGBColor(parsing: segments[k].color) ?? RGBColor(red: 200, green: 200, blue: 200)
                out += ##"<rect x="\##(n(offset))" y="\##(n(y))" width="\##(n(w))" height="\##(n(barHeight))" fill="\##(fill.hex)"><title>\##(Escape.xml("\(row.label): \(segments[k].name) \(value) of \(total)"))</title></rect>"##
                if w >= 18 {
                    out += ##"<text x="\##(n(offset + w / 2))" y="\##(n(y + 11.5))" font-size="10" text-anchor="middle" fill="\##(fill.contrastingText)">\##(value)</text>"##
                }
                offset += w
            }
            out += ##"<text x="\##(n(labelWidth + barWidth + 6))" y="\##(n(y + 11.5))" font-size="10" fill="#444444">\##(total)</text>"## + "\n"
        }
        return out + "</svg>\n"
    }

    func n(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String((v * 10).rounded() / 10) }
}
