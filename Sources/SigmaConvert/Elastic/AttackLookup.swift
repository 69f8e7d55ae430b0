/// MITRE ATT&CK names an output format needs, supplied by the caller (SigmaConvert has no database).
public protocol AttackLookup: Sendable {
    /// The tactic with this short name (`defense-evasion`).
    func tactic(shortName: String) -> AttackTacticName?
    /// The technique or sub-technique with this id (`T1059`, `T1059.001`), upper case.
    func technique(id: String) -> AttackTechniqueName?
}

/// One ATT&CK tactic: `TA0005`, `defense-evasion`, `Defense Evasion`.
public struct AttackTacticName: Sendable, Hashable {
    public var id: String
    public var shortName: String
    public var name: String

    public init(id: String, shortName: String, name: String) {
        self.id = id
        self.shortName = shortName
        self.name = name
    }
}

/// One ATT&CK technique or sub-technique with the short names of its tactics.
public struct AttackTechniqueName: Sendable, Hashable {
    public var id: String
    public var name: String
    public var tactics: [String]

    public init(id: String, name: String, tactics: [String]) {
        self.id = id
        self.name = name
        self.tactics = tactics
    }
}

/// An `AttackLookup` over lists held in memory.
public struct AttackNames: AttackLookup {
    private let tactics: [String: AttackTacticName]
    private let techniques: [String: AttackTechniqueName]

    public init(tactics: [AttackTacticName], techniques: [AttackTechniqueName]) {
        self.tactics = Dictionary(tactics.map { ($0.shortName, $0) }, uniquingKeysWith: { first, _ in first })
        self.techniques = Dictionary(techniques.map { ($0.id.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// No names at all: rule files then carry no ATT&CK mapping.
    public static let empty = AttackNames(tactics: [], techniques: [])

    public func tactic(shortName: String) -> AttackTacticName? { tactics[shortName] }
    public func technique(id: String) -> AttackTechniqueName? { techniques[id.uppercased()] }
}
