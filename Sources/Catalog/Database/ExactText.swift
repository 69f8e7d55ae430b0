import Foundation
import GRDB
import GRDBSQLite

/// Free text written to and read from SQLite with its byte length, so a NUL inside it is kept, not a terminator.
///
/// GRDB binds a Swift string as a C string (`sqlite3_bind_text` with length -1) and reads one back with
/// `String(cString:)`: both stop at the first NUL, so `"before\0after"` would be stored and shown as `before`.
/// Rule text is data from the internet and the catalog keeps it exactly: every statement that writes free text
/// binds through `executeExact`, and every reader that renders it fetches through `ExactText`.
enum ExactText {
    /// Tells SQLite to copy the bytes before the bind call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    static var transientDestructor: sqlite3_destructor_type { transient }

    /// Rebinds a string argument with its UTF-8 byte count (only needed when it holds a NUL).
    static func bind(_ text: String, to statement: Statement, at index: Int) throws {
        var text = text
        let code = text.withUTF8 { bytes in
            sqlite3_bind_text64(statement.sqliteStatement, CInt(index), bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                sqlite3_uint64(bytes.count), transient, UInt8(SQLITE_UTF8))
        }
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind text of \(text.utf8.count) bytes", sql: statement.sql)
        }
    }

    /// The text of column `index` of a row read from a statement, every byte of it; other values unchanged.
    ///
    /// Only rows still attached to their statement (cursors, `FetchableRecord.init(row:)` during a fetch) hold the
    /// bytes: a copied row has already been through `String(cString:)`.
    static func value(_ row: Row, atIndex index: Int) -> DatabaseValue {
        let value = row[index] as DatabaseValue
        guard case .string = value.storage,
              let exact = try? row.withUnsafeData(atIndex: index, { $0.map { String(decoding: $0, as: UTF8.self) } })
        else { return value }
        return exact.databaseValue
    }

    /// A detached copy of a statement row with every text column exact (columns addressed by name).
    static func copy(_ row: Row) -> Row {
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        for (index, column) in row.columnNames.enumerated() where values[column] == nil {
            values[column] = value(row, atIndex: index)
        }
        return Row(values)
    }

    /// Rows of `sql`, each with its text columns exact. Columns are read by name (`row["title"]`), not position.
    static func rows(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Row] {
        try Array(Row.fetchCursor(db, sql: sql, arguments: arguments).map(copy))
    }

    /// Records of `sql`, decoded from rows whose text columns are exact.
    static func records<R: FetchableRecord>(_ type: R.Type, _ db: Database, sql: String, arguments: StatementArguments = []) throws -> [R] {
        try rows(db, sql: sql, arguments: arguments).map { try R(row: $0) }
    }

    /// Records of a prepared (cached) statement, decoded from rows whose text columns are exact.
    static func records<R: FetchableRecord>(_ type: R.Type, _ statement: Statement, arguments: StatementArguments) throws -> [R] {
        try Array(Row.fetchCursor(statement, arguments: arguments).map(copy)).map { try R(row: $0) }
    }

    /// The first column of every row of `sql`, exact (NULLs skipped).
    static func strings(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [String] {
        var out: [String] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            if let text = String.fromDatabaseValue(value(row, atIndex: 0)) { out.append(text) }
        }
        return out
    }

    /// The first column of the first row of `sql`, exact.
    static func string(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> String? {
        // The cursor must outlive the read: its row points into the statement.
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        guard let row = try cursor.next() else { return nil }
        return String.fromDatabaseValue(value(row, atIndex: 0))
    }

    /// Inserts a record, plus `extra` columns, with every text column bound exactly (GRDB's `insert` would cut
    /// each at a NUL).
    static func insert<R: EncodableRecord & TableRecord>(_ record: R, extra: [String: DatabaseValue] = [:], _ db: Database) throws {
        let values = try record.databaseDictionary.merging(extra) { $1 }.sorted { $0.key < $1.key }
        let table = R.databaseTableName.quotedDatabaseIdentifier
        let columns = values.map(\.key.quotedDatabaseIdentifier).joined(separator: ", ")
        let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
        try db.cachedStatement(sql: "INSERT INTO \(table) (\(columns)) VALUES (\(marks))").executeExact(values.map(\.value))
    }

    /// Updates every other column of the row whose `keys` columns equal the record's, binding text exactly.
    static func update<R: EncodableRecord & TableRecord>(_ record: R, keys: [String], _ db: Database) throws {
        let all = try record.databaseDictionary
        let table = R.databaseTableName
        let keyValues = try keys.map { key in
            guard let value = all[key] else { throw DatabaseError(message: "no column \(key) in \(table)") }
            return value
        }
        let values = all.filter { !keys.contains($0.key) }.sorted { $0.key < $1.key }
        let assignments = values.map { "\($0.key.quotedDatabaseIdentifier) = ?" }.joined(separator: ", ")
        let condition = keys.map { "\($0.quotedDatabaseIdentifier) = ?" }.joined(separator: " AND ")
        try db.cachedStatement(sql: "UPDATE \(table.quotedDatabaseIdentifier) SET \(assignments) WHERE \(condition)")
            .executeExact(values.map(\.value) + keyValues)
    }
}

extension Statement {
    /// Executes with positional arguments, every string bound with its byte length (a NUL inside is stored).
    ///
    /// Bound straight through SQLite's C API: building GRDB `StatementArguments` for every row cost as much as
    /// the SQLite work of an import's inserts.
    func executeExact(_ values: [(any DatabaseValueConvertible)?]) throws {
        let statement = sqliteStatement
        guard values.count == Int(sqlite3_bind_parameter_count(statement)) else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "wrong number of statement arguments: \(values.count)", sql: sql)
        }
        // Empty unchecked arguments: GRDB resets, clears the bindings and marks them bound, so `execute()` below
        // keeps the ones made here.
        setUncheckedArguments(StatementArguments())
        for (i, value) in values.enumerated() {
            let index = CInt(i + 1)
            let code: CInt
            switch value?.databaseValue.storage ?? .null {
            case .null: code = sqlite3_bind_null(statement, index)
            case .int64(let n): code = sqlite3_bind_int64(statement, index, n)
            case .double(let d): code = sqlite3_bind_double(statement, index, d)
            case .string(let text):
                try ExactText.bind(text, to: self, at: Int(index))
                code = SQLITE_OK
            case .blob(let data):
                code = data.withUnsafeBytes { bytes in
                    sqlite3_bind_blob64(statement, index, bytes.baseAddress, sqlite3_uint64(bytes.count), ExactText.transientDestructor)
                }
            }
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind argument \(index)", sql: sql)
            }
        }
        // Without arguments, `execute` keeps the bindings made above.
        try execute()
    }
}
