import Foundation
import Testing
@testable import SigmaKit

/// The hand-written block reader against libyaml: it gives exactly libyaml's tree (positions, scalar types,
/// quoting) or declines, and whatever it declines still loads (or fails) as before.
@Suite struct BlockYAMLReaderTests {
    /// The tree the block reader builds, nil when it declines.
    static func fast(_ text: String) -> YAMLNode? {
        var text = text
        return text.withUTF8 { BlockYAMLReader.read($0, nodeBudget: SigmaLimits.maxNodes, maxDepth: SigmaLimits.maxDepth) }
    }

    static func libyaml(_ text: String) -> (documents: [YAMLNode], failure: YAMLLoader.Failure?) {
        var loader = YAMLLoader()
        loader.allowsBlockReader = false
        return loader.load(text)
    }

    /// A difference between two trees ("" when they are the same), naming the first place they differ.
    static func difference(_ a: YAMLNode, _ b: YAMLNode, at path: String = "$") -> String {
        if a.position != b.position { return "\(path): position \(a.position) vs \(b.position)" }
        if a.quoted != b.quoted { return "\(path): quoted \(a.quoted) vs \(b.quoted)" }
        switch (a.kind, b.kind) {
        case (.scalar(let va, let ta), .scalar(let vb, let tb)):
            if ta != tb { return "\(path): text \(ta.debugDescription) vs \(tb.debugDescription)" }
            let same: Bool
            if case .double(let x) = va, case .double(let y) = vb { same = x == y || (x.isNaN && y.isNaN) } else { same = va == vb }
            return same ? "" : "\(path): value \(va) vs \(vb)"
        case (.sequence(let xa), .sequence(let xb)):
            if xa.count != xb.count { return "\(path): \(xa.count) vs \(xb.count) items" }
            for k in xa.indices {
                let d = difference(xa[k], xb[k], at: "\(path)[\(k)]")
                if !d.isEmpty { return d }
            }
            return ""
        case (.mapping(let pa), .mapping(let pb)):
            if pa.count != pb.count { return "\(path): \(pa.count) vs \(pb.count) pairs" }
            for k in pa.indices {
                let name = "\(path).\(pa[k].key.text ?? "?")"
                let d = difference(pa[k].key, pb[k].key, at: name + "(key)")
                if !d.isEmpty { return d }
                let v = difference(pa[k].value, pb[k].value, at: name)
                if !v.isEmpty { return v }
            }
            return ""
        default:
            return "\(path): \(a.kindName) vs \(b.kindName)"
        }
    }

    /// Either the block reader declines, or libyaml reads one document and the trees are identical.
    static func agreement(_ text: String) -> String {
        guard let tree = fast(text) else { return "" }
        let reference = libyaml(text)
        if let failure = reference.failure { return "block reader accepted what libyaml refuses: \(failure.message)" }
        guard reference.documents.count == 1 else { return "libyaml read \(reference.documents.count) documents" }
        return difference(tree, reference.documents[0])
    }

    static func expectRead(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(fast(text) != nil, "declined: \(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(agreement(text) == "", sourceLocation: sourceLocation)
    }

    static func expectDeclined(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(fast(text) == nil, "read: \(text.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test func blockMapsAndLists() {
        Self.expectRead("a: 1\nb: two\n")
        Self.expectRead("a:\n  b:\n    c: d\n  e: f\ng: h")
        Self.expectRead("list:\n  - a\n  - b\n")
        Self.expectRead("list:\n- a\n- b\nnext: x\n")
        Self.expectRead("- a: 1\n  b: 2\n- c\n- - nested\n  - more\n")
        Self.expectRead("sel:\n  - Image|endswith: x\n    Other: y\n  - z\n")
    }

    @Test func emptyValuesTakeLibyamlPositions() {
        Self.expectRead("a:\nb: 1\n")
        Self.expectRead("a:   # nothing here\nb:\n")
        Self.expectRead("l:\n  -\n  - \n  - x\n  -")
        Self.expectRead("a:\n- \n")
        Self.expectRead("a: ~\nb: null\nc:")
    }

    @Test func plainScalarsAndTheirTypes() {
        Self.expectRead("a: yes\nb: 0x1F\nc: 017\nd: 1:30\ne: 1.\nf: .inf\ng: 2024-01-02\nh: -5\ni: +.5e+3\n")
        Self.expectRead("a: value # comment\nb: x#y\nc: inner:colons:text\nd: http://x:80/y\n")
        Self.expectRead("a: -dash\nb: ?q\nc: ::1\nd: 'q' # c\ne: a [b] {c}, d\n")
        Self.expectRead("key   : spaced\n'quoted key': v\n\"dq\": v\n")
        Self.expectRead("a: trailing   \nb: ümlaut ключ no\n")
        Self.expectRead("ключ: значение\nnext: 1\n")
    }

    @Test func quotedScalars() {
        Self.expectRead("a: 'it''s'\nb: ''\nc: '#not a comment'\n")
        Self.expectRead(#"a: "tab\there \"q\" \\ \/ \x41 \u00e9 \U0001F600 \0 \N \_ \L \P""# + "\n")
        Self.expectRead("- '5'\n- \"yes\"\n- 'C:\\Windows\\'\n")
    }

    @Test func literalBlockScalars() {
        Self.expectRead("description: |\n  line one\n  line two\nnext: x\n")
        Self.expectRead("d: |-\n  stripped\n\n  after blank\n\n\nn: 1\n")
        Self.expectRead("d: |   # header comment\n    deeper\n      more\n    back\n")
        Self.expectRead("d: |\n\n  after a leading blank\n   \n      \n  end")
        Self.expectRead("- |\n  in a list\n- x\n")
        Self.expectRead("d: |\n  no newline at the end")
    }

    @Test func commentsAndBlankLines() {
        Self.expectRead("# head\n\na: 1 # c\n  # indented comment\n\nb:\n  # before\n  - x # after\n# tail")
    }

    @Test func declinesWhatItDoesNotHandle() {
        Self.expectDeclined("a: &x 1\nb: *x\n")
        Self.expectDeclined("a: !!str 1\n")
        Self.expectDeclined("%YAML 1.1\n---\na: 1\n")
        Self.expectDeclined("---\na: 1\n")
        Self.expectDeclined("a: 1\n---\nb: 2\n")
        Self.expectDeclined("a: [1, 2]\n")
        Self.expectDeclined("a: {b: 1}\n")
        Self.expectDeclined("? a\n: b\n")
        Self.expectDeclined("a: >\n  folded\n")
        Self.expectDeclined("a: |2\n   x\n")
        Self.expectDeclined("a: |+\n  x\n")
        Self.expectDeclined("a: plain\n  continued\n")
        Self.expectDeclined("a: 'quoted\n  continued'\n")
        Self.expectDeclined("a:\tb\n")
        Self.expectDeclined("a: b\r\n")
        Self.expectDeclined("\u{FEFF}a: b\n")
        Self.expectDeclined("a: b\u{85}c\n")
        // Inside long runs of text too (the reader checks eight bytes at a time).
        for bad in ["\t", "\r", "\u{1}", "\u{7F}", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{FFFF}"] {
            Self.expectDeclined("key: abcdefghijklmnopq" + bad + "rstuvwxyz0123456789\n")
        }
        Self.expectRead("key: abcdefghijklmnopq~rstuvwxyz0123456789 éè 日本\n")
        Self.expectDeclined("<<: {a: 1}\n")
        Self.expectDeclined("base: 1\n<<: x\n")
        Self.expectDeclined("")
        Self.expectDeclined("# only a comment\n")
        Self.expectDeclined("just a scalar: with: colons\n")
    }

    @Test func declinesEveryErrorSoLibyamlWordsIt() {
        for text in ["a: 1\na: 2\n", "a: b: c\n", "a: 1\n b: 2\n", "- a\nb: 1\n", "a: 1\n- b\n", "a: 'open\n",
                     "a: \"bad \\q escape\"\n", "a: \"\\uD800\"\n", "a: @reserved\n", "a: `tick\n", "a: ]\n", "a: ,\n",
                     "a: 'x' y\n", "a: |\nb: 1\n", "a: |\n   \n  x\n", "- |\n", "a:\n  b: 1\n c: 2\n"] {
            Self.expectDeclined(text)
            let reference = Self.libyaml(text)
            let loaded = YAMLLoader().load(text)
            #expect(loaded.failure?.message == reference.failure?.message, "\(text.debugDescription)")
            #expect(loaded.failure?.position == reference.failure?.position, "\(text.debugDescription)")
            #expect(loaded.documents.count == reference.documents.count)
        }
    }

    @Test func budgetsAreKept() {
        #expect(BlockYAMLReaderTests.readWith(budget: 5, "a: 1\nb: 2\n") != nil)
        #expect(BlockYAMLReaderTests.readWith(budget: 5, "a: 1\nb: 2\nc: 3\n") == nil)
        var deep = ""
        for level in 0..<SigmaLimits.maxDepth + 1 { deep += String(repeating: " ", count: level) + "k:\n" }
        deep += String(repeating: " ", count: SigmaLimits.maxDepth + 1) + "v"
        #expect(Self.fast(deep) == nil)
    }

    static func readWith(budget: Int, _ text: String) -> YAMLNode? {
        var text = text
        return text.withUTF8 { BlockYAMLReader.read($0, nodeBudget: budget, maxDepth: SigmaLimits.maxDepth) }
    }

    /// Small random edits of a real rule: the reader must agree with libyaml or decline, never differ.
    @Test func mutatedRulesAgreeOrDecline() {
        let base = "title: T\nid: 1\nstatus: test\ndescription: |\n  text: here\n  more\ntags:\n  - attack.t1\n  - 'x'\n"
            + "logsource:\n  product: windows\ndetection:\n  sel:\n    - A|contains: \"b\"\n      B: 1\n  condition: sel\n"
        let pieces: [UInt8] = Array(" \n-:#'\"|ab1.~".utf8)
        var generator = SplitMix(seed: 0x5EED)
        let bytes = Array(base.utf8)
        for _ in 0..<3000 {
            var mutated = bytes
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                let at = Int(generator.next() % UInt64(mutated.count))
                let piece = pieces[Int(generator.next() % UInt64(pieces.count))]
                switch generator.next() % 3 {
                case 0: mutated[at] = piece
                case 1: mutated.insert(piece, at: at)
                default: mutated.remove(at: at)
                }
            }
            let text = String(decoding: mutated, as: UTF8.self)
            let d = Self.agreement(text)
            #expect(d == "", "\(text.debugDescription): \(d)")
            if !d.isEmpty { return }
        }
    }

    /// Every rule of the shared corpus: identical trees, and the block reader reads nearly all of them.
    @Test(.enabled(if: SharedCorpus.root != nil, "needs ../shared"))
    func everyCorpusFileGivesLibyamlsTree() throws {
        let files = SharedCorpus.ruleFiles(in: try #require(SharedCorpus.root))
        var read = 0
        var declined: [String] = []
        for file in files {
            let text = try String(contentsOfFile: file.absolute, encoding: .utf8)
            if Self.fast(text) == nil { declined.append(file.relative); continue }
            read += 1
            let d = Self.agreement(text)
            #expect(d == "", "\(file.relative): \(d)")
        }
        print("block reader: read \(read) of \(files.count) corpus files; declined \(declined.count): \(declined.prefix(20))")
        #expect(files.count > 0)
        #expect(read * 100 >= files.count * 95)
    }
}

/// A small deterministic generator for the mutation test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
