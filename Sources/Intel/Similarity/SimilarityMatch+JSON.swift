import ATTACK
import STIX

extension SimilarityMatch {
    /// The match as `ttpkit similar --format json` and `/api/similar` print it; `observed…`
    /// are the sizes of the observation, for the explanation. `evidence` lists the shared
    /// techniques and software behind the score (`match`: exact, parent, implied or software;
    /// `idf`: rarity; `weight`: score units, adding up to `score`; `share`: of the score), and
    /// `why` the first three in one line.
    public func json(rank: Int, observedTechniques: Int, observedSoftware: Int) -> JSONValue {
        let m = self
        var j = JSONObject([("rank", .number(Double(rank))), ("id", .string(m.object.attackID)), ("name", .string(m.object.name))])
        j["type"] = .string(m.object.kind.rawValue)
        j["score"] = .number((m.score * 10000).rounded() / 10000)
        j["cosine"] = .number((m.cosine * 10000).rounded() / 10000)
        j["shared"] = .array(m.sharedTechniques.map(ObjectJSON.ref))
        j["partial"] = .array(m.partialTechniques.map(ObjectJSON.ref))
        j["shared_software"] = .array(m.sharedSoftware.map(ObjectJSON.ref))
        j["expected_next"] = .array(m.expectedNext.map { e in
            .object(JSONObject([("id", .string(e.technique.attackID)), ("name", .string(e.technique.name)), ("weight", .number((e.weight * 1000).rounded() / 1000))]))
        })
        j["profile"] = .object(JSONObject([("techniques", .number(Double(m.profileTechniqueCount))), ("software", .number(Double(m.profileSoftwareCount)))]))
        j["completeness"] = .number((m.completeness * 10000).rounded() / 10000)
        j["evidence"] = .array(m.contributions.map { c in
            .object(JSONObject([
                ("id", .string(c.object.attackID)), ("name", .string(c.object.name)),
                ("type", .string(c.object.kind.rawValue)), ("match", .string(c.match.rawValue)),
                ("idf", .number((c.idf * 1000).rounded() / 1000)), ("weight", .number((c.weight * 10000).rounded() / 10000)),
                ("share", .number(m.score > 0 ? (c.weight / m.score * 1000).rounded() / 1000 : 0)),
            ]))
        })
        j["why"] = .string(m.why())
        j["explanation"] = .string(m.explanation(observedTechniques: observedTechniques, observedSoftware: observedSoftware))
        return .object(j)
    }
}
