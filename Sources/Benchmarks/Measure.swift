import Foundation

/// Timing helpers: wall-clock and CPU milliseconds, medians over several runs.
enum Measure {
    /// Milliseconds of wall-clock time of each of `runs` calls.
    static func times(_ runs: Int, _ body: () throws -> Void) rethrows -> [Double] {
        var result: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            result.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return result
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Peak resident memory of this process so far, in megabytes.
    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// Prints aligned result lines: `name  value  unit  (target)`.
struct Report {
    private(set) var failures: [String] = []

    mutating func line(_ name: String, _ value: Double, unit: String = "ms", target: Double? = nil) {
        var text = name.padding(toLength: 58, withPad: " ", startingAt: 0) + String(format: "%10.1f %@", value, unit)
        if let target {
            let ok = value <= target
            text += "   target ≤ \(Self.format(target)) \(unit): \(ok ? "ok" : "MISSED")"
            if !ok { failures.append(name) }
        }
        print(text)
    }

    func note(_ text: String) { print("  " + text) }

    static func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
