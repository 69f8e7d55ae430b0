/// The `logsource:` section.
public struct LogSource: Sendable, Hashable, Codable {
    public var category: String?
    public var product: String?
    public var service: String?
    public var definition: String?
    /// Keys other than the four standard ones, kept as text.
    public var custom: [String: String]

    public init(category: String? = nil, product: String? = nil, service: String? = nil,
                definition: String? = nil, custom: [String: String] = [:]) {
        self.category = category
        self.product = product
        self.service = service
        self.definition = definition
        self.custom = custom
    }
}
