/// The data tables of one kusto pipeline (transcribed from pySigma-backend-kusto by Scripts/gen-kusto-tables.py).
struct KustoTables: Sendable {
    /// `logsource.category` -> table.
    let categoryToTable: [String: String]
    /// Windows EventID categories, in the order the reference searches them (first match wins).
    let eventIDCategories: [(String, [Int])]
    /// EventID category -> table.
    let eventIDCategoryToTable: [String: String]
    /// table -> Sigma field -> target field(s); several targets become an OR of items.
    let tableFieldMappings: [String: [String: [String]]]
    /// Sigma field -> target field, for items no table mapping renamed.
    let genericFieldMappings: [String: String]
    /// table -> its columns (the schema used to reject unknown fields).
    let tableColumns: [String: Set<String>]
    /// `genericFieldMappings` in the shape of a table mapping.
    let genericFieldTargets: [String: [String]]

    init(categoryToTable: [String: String], eventIDCategories: [(String, [Int])],
         eventIDCategoryToTable: [String: String], tableFieldMappings: [String: [String: [String]]],
         genericFieldMappings: [String: String], tableColumnsText: String) {
        self.categoryToTable = categoryToTable
        self.eventIDCategories = eventIDCategories
        self.eventIDCategoryToTable = eventIDCategoryToTable
        self.tableFieldMappings = tableFieldMappings
        self.genericFieldMappings = genericFieldMappings
        self.genericFieldTargets = genericFieldMappings.mapValues { [$0] }
        // Kept as text in the source because a 700-table dictionary literal is slow to type-check.
        var columns: [String: Set<String>] = [:]
        for line in tableColumnsText.split(separator: "\n") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let table = cells.first else { continue }
            columns[table] = Set(cells.dropFirst())
        }
        self.tableColumns = columns
    }

    /// The table for a Windows EventID, or nil when its category has no table (or it has no category).
    func table(forEventID id: Int) -> String? {
        guard let category = eventIDCategories.first(where: { $0.1.contains(id) })?.0 else { return nil }
        return eventIDCategoryToTable[category]
    }
}
