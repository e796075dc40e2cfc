import Foundation
import Hummingbird

/// The filters and paging of a TAXII 2.1 objects, manifest or versions request
/// (`added_after`, `limit`, `next`, `match[id|type|version|spec_version]`), validated.
struct TAXIIQuery: Sendable {
    enum VersionMatch: Sendable, Equatable {
        case last, first, all
        case exactly(Set<STIXTimestamp>)
    }

    var addedAfter: STIXTimestamp?
    var limit: Int?
    var next: Int?
    var ids: Set<String>?
    var types: Set<String>?
    var version: VersionMatch = .last
    var specVersions: Set<String>?

    /// The largest accepted `limit`; larger values are answered with pages of this size.
    static let maximumLimit = 100_000

    /// Reads the query string; throws a 400 ``TAXIIError`` naming the bad parameter.
    init(_ request: Request) throws(TAXIIError) {
        let parameters: Query
        do throws(Query.Failure) { parameters = try Query(raw: request.uri.query ?? "") } catch {
            throw TAXIIError.badRequest(error.message)
        }
        for (key, value) in parameters {
            switch key {
            case "added_after":
                guard let t = STIXTimestamp(value) else {
                    throw TAXIIError.badRequest("added_after: expected a timestamp such as 2024-01-31T12:00:00.000Z")
                }
                addedAfter = t
            case "limit":
                guard let n = Int(value), n > 0 else { throw TAXIIError.badRequest("limit: expected a positive whole number") }
                limit = min(n, Self.maximumLimit)
            case "next":
                guard let n = Int(value), n >= 0 else { throw TAXIIError.badRequest("next: not a token this server gave") }
                next = n
            case "match[id]": ids = Self.list(value)
            case "match[type]": types = Self.list(value)
            case "match[spec_version]": specVersions = Self.list(value)
            case "match[version]":
                let items = Self.list(value)
                if items == ["last"] {
                    version = .last
                } else if items == ["first"] {
                    version = .first
                } else if items.contains("all") {
                    version = .all
                } else {
                    var stamps = Set<STIXTimestamp>()
                    for item in items where item != "first" && item != "last" {
                        guard let t = STIXTimestamp(item) else {
                            throw TAXIIError.badRequest("match[version]: expected last, first, all or timestamps")
                        }
                        stamps.insert(t)
                    }
                    version = stamps.isEmpty ? .all : .exactly(stamps)
                }
            default:
                if key.hasPrefix("match[") {
                    throw TAXIIError.badRequest("\(key): this server filters on match[id], match[type], match[version] and match[spec_version]")
                }
            }
        }
    }

    private static func list(_ value: String) -> Set<String> {
        Set(value.split(separator: ",").map { String($0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.isEmpty })
    }

    /// True when only paging and `added_after` are set, so the answer is a range of entries.
    var selectsRange: Bool { ids == nil && types == nil && specVersions == nil && !isVersionFilter }

    private var isVersionFilter: Bool {
        if case .exactly = version { return true }
        return false
    }

    /// The positions in `set` this query selects, in date-added order.
    func select(in set: TAXIIObjectSet) -> TAXIISelection {
        let entries = set.entries
        var lower = 0
        if let addedAfter {
            var lo = 0, hi = entries.count
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                if entries[mid].versionKey <= addedAfter { lo = mid + 1 } else { hi = mid }
            }
            lower = lo
        }
        if selectsRange { return .range(lower..<entries.count) }
        if let ids, ids.count <= 64, types == nil, specVersions == nil, !isVersionFilter {
            return .list(ids.compactMap { set.positions[$0] }.filter { $0 >= lower }.sorted())
        }
        var picked: [Int] = []
        for i in lower..<entries.count where matches(entries[i]) { picked.append(i) }
        return .list(picked)
    }

    func matches(_ e: TAXIIObjectSet.Entry) -> Bool {
        if let ids, !ids.contains(e.id) { return false }
        if let types, !types.contains(e.type) { return false }
        if let specVersions, !specVersions.contains(e.specVersion) { return false }
        if case .exactly(let stamps) = version, !stamps.contains(e.versionKey) { return false }
        return true
    }
}

/// The entries a query selected: a range (no filters) or a list of positions.
enum TAXIISelection: Sendable {
    case range(Range<Int>)
    case list([Int])

    var count: Int {
        switch self {
        case .range(let r): r.count
        case .list(let l): l.count
        }
    }

    /// The positions of the page starting at the `offset`-th selected entry.
    func page(offset: Int, limit: Int) -> ArraySlice<Int> {
        let end = offset + min(limit, count - offset)
        switch self {
        case .range(let r): return ArraySlice(Array((r.lowerBound + offset)..<(r.lowerBound + end)))
        case .list(let l): return l[offset..<end]
        }
    }
}
