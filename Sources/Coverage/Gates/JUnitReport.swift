import Output
/// Writes gate results as JUnit XML, which GitLab (`artifacts:reports:junit`), Jenkins
/// (`junit` step) and Azure Pipelines (`PublishTestResults`, format JUnit) show as test
/// results.
///
/// One `<testsuite name="ttpkit coverage gates">`; one `<testcase>` per gate condition
/// (`classname` `ttpkit.coverage`, name the condition, e.g. `fail-under execution=80%`); a
/// failed condition carries a `<failure>` whose message is the measurement and whose text
/// lists the techniques behind it, one a line. The summary line goes in `<system-out>`.
///
/// ```swift
/// try OutputFile.write(JUnitReport.render(result), to: "coverage-junit.xml")
/// ```
public enum JUnitReport {
    /// The XML document.
    public static func render(_ result: GateResult, timestamp: String? = nil) -> String {
        let failures = result.failed.count
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<testsuites name="ttpkit coverage" tests="\#(result.conditions.count)" failures="\#(failures)" errors="0" time="0">"# + "\n"
        var suite = #"  <testsuite name="ttpkit coverage gates" tests="\#(result.conditions.count)" failures="\#(failures)" errors="0" skipped="0" time="0""#
        if let timestamp { suite += #" timestamp="\#(Escape.xml(timestamp))""# }
        xml += suite + ">\n"
        for condition in result.conditions {
            let open = #"    <testcase classname="ttpkit.coverage" name="\#(Escape.xml(condition.name))" time="0""#
            if condition.passed {
                xml += open + "/>\n"
                continue
            }
            xml += open + ">\n"
            let details = condition.findings.map(\.message).joined(separator: "\n")
            xml += #"      <failure message="\#(Escape.xml(condition.message))" type="\#(condition.kind.rawValue)">"#
                + Escape.xml(details.isEmpty ? condition.message : details) + "</failure>\n"
            xml += "    </testcase>\n"
        }
        xml += "    <system-out>" + Escape.xml(result.summaryLine) + "</system-out>\n"
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }
}
