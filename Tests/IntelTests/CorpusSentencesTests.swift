import ATTACK
import TestSupport
import Testing
@testable import Intel

/// The byte splitter of training sentences gives the character splitter's sentences.
struct CorpusSentencesTests {
    @Test(arguments: ["", "A.", "Dumps LSASS. Then exits! Or? no. x. Long one. ", "ab. cd. efgh. ijkl.  mn", "End. ", "Two  spaces.  Here"])
    func bytesAndCharactersAgree(_ text: String) {
        #expect(TrainingCorpus.asciiSentences(text) == TrainingCorpus.characterSentences(text))
    }

    @Test func nonASCIIAndCarriageReturnsGoCharacterByCharacter() {
        #expect(TrainingCorpus.asciiSentences("Café. Next one.") == nil)
        #expect(TrainingCorpus.asciiSentences("Line.\r\nNext") == nil)
        #expect(TrainingCorpus.sentences("Café ok. Next one.") == ["Café ok.", "Next one."])
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func everyCleanedTextOfTheReleaseSplitsTheSame() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        var checked = 0
        for text in kb.objects.map(\.description) + kb.relationships.map(\.description) {
            let cleaned = TrainingCorpus.cleaned(text)
            guard let fast = TrainingCorpus.asciiSentences(cleaned) else { continue }
            #expect(fast == TrainingCorpus.characterSentences(cleaned))
            checked += 1
        }
        #expect(checked > 10_000)
    }
}
