import Foundation
import STIX

let path = CommandLine.arguments.dropFirst().first ?? "../shared/attack-data/enterprise-attack-18.1.json"
var times: [Double] = []
var count = 0
for _ in 0..<7 {
    let t0 = Date()
    let b = try STIXBundle.load(contentsOf: URL(fileURLWithPath: path))
    times.append(Date().timeIntervalSince(t0) * 1000)
    count = b.objects.count
}
times.sort()
print("parse: \(count) objects, median \(times[times.count/2]) ms, min \(times[0])")
