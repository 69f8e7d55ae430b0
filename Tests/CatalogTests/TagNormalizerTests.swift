import Catalog
import Testing

@Suite struct TagNormalizerTests {
    @Test func techniques() {
        #expect(TagNormalizer.normalize("attack.t1053.003").technique == "T1053.003")
        #expect(TagNormalizer.normalize("ATTACK.T1053").technique == "T1053")
        #expect(TagNormalizer.normalize("attack.t1685").technique == "T1685")
        #expect(TagNormalizer.techniqueID("attack.T1059.001") == "T1059.001")
        #expect(TagNormalizer.techniqueID("t1059") == "T1059")
        #expect(TagNormalizer.techniqueID("T105") == nil)
        #expect(TagNormalizer.techniqueID("T1059.1") == nil)
        #expect(TagNormalizer.techniqueID("T1059x001") == nil)
        #expect(TagNormalizer.techniqueID("cve.2021") == nil)
    }

    @Test func tactics() {
        #expect(TagNormalizer.normalize("attack.privilege_escalation").tactic == "privilege-escalation")
        #expect(TagNormalizer.normalize("attack.Defense-Evasion").tactic == "defense-evasion")
        #expect(TagNormalizer.normalize("attack.stealth").tactic == "stealth")
        #expect(TagNormalizer.tacticName("attack.Command_And_Control") == "command-and-control")
        #expect(TagNormalizer.tacticID("ta0003") == "TA0003")
        #expect(TagNormalizer.tacticID("TA03") == nil)
    }

    @Test func otherAttackValuesAreNeitherTechniqueNorTactic() {
        for tag in ["attack.g0032", "attack.s0002", "attack.ds0005", "attack.m1042", "attack.a0001"] {
            let n = TagNormalizer.normalize(tag)
            #expect(n.technique == nil && n.tactic == nil, "\(tag)")
            #expect(n.namespace == "attack")
        }
        let cve = TagNormalizer.normalize("cve.2021-44228")
        #expect(cve.namespace == "cve" && cve.value == "2021-44228" && cve.tactic == nil)
        let bare = TagNormalizer.normalize("nodot")
        #expect(bare.namespace == "" && bare.value == "nodot")
    }
}
