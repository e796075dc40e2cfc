import ATTACK
import Foundation
import STIX

let path = CommandLine.arguments.dropFirst().first ?? "../shared/attack-data/enterprise-attack-18.1.json"
var times: [Double] = []
var idx: [Double] = []
var kb: KnowledgeBase?
for _ in 0..<7 {
    let t0 = Date()
    let b = try STIXBundle.load(contentsOf: URL(fileURLWithPath: path))
    let t1 = Date()
    kb = try KnowledgeBase(bundles: [b])
    times.append(Date().timeIntervalSince(t0) * 1000)
    idx.append(Date().timeIntervalSince(t1) * 1000)
}
times.sort(); idx.sort()
print("load+index median \(times[3]) ms (index \(idx[3]))")
var g: [Double] = []
for _ in 0..<7 {
    let t0 = Date()
    var n = 0
    for group in kb!.objects(.group) { n += kb!.techniquesUsed(byGroup: group).count }
    g.append(Date().timeIntervalSince(t0) * 1000)
    if g.count == 1 { print("pairs \(n)") }
}
g.sort()
print("techniques of all groups median \(g[3]) ms")
