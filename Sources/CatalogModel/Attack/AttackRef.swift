import Foundation

/// An ATT&CK id with its name (name nil when unknown to the loaded catalog).
public struct AttackRef: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?

    public init(id: String, name: String?) {
        self.id = id
        self.name = name
    }
}
