import SigmaKit

/// The output formats of pysigma-backend-splunk 2.1.0 besides `default`: `savedsearches` (a
/// `savedsearches.conf` stanza per rule) and `data_model` (`tstats` over the CIM data model the pipeline chose).
extension SplunkBackend {
    static let savedSearchesFormat = "savedsearches"
    static let dataModelFormat = "data_model"

    static let queryFormats = [
        QueryFormatDescription(name: savedSearchesFormat, summary: "Plain SPL in a savedsearches.conf file"),
        QueryFormatDescription(name: dataModelFormat, summary: "Data model queries with tstats (needs the splunk_cim pipeline)"),
    ]

    /// The search window written in the `[default]` stanza (the reference's `min_time`/`max_time`).
    static let outputSettings: [(String, String)] = [("dispatch.earliest_time", "-30d"), ("dispatch.latest_time", "now")]

    func finalizeQuery(_ query: String, rule: SigmaRule, state: ConversionState, format: String) throws(ConversionError) -> String {
        switch format {
        case Self.savedSearchesFormat: return savedSearch(query, rule: rule)
        case Self.dataModelFormat: return try dataModelQuery(query, state: state)
        case QueryFormatDescription.defaultName: return try finalizeQuery(query, rule: rule, state: state)
        default: throw ConversionError(.unsupported, "query format '\(format)' is not supported by the Splunk backend")
        }
    }

    func finalizeOutput(_ queries: [String], format: String) -> String {
        guard format == Self.savedSearchesFormat else { return queries.joined(separator: "\n") }
        return "\n[default]" + Self.settings(Self.outputSettings) + "\n" + queries.joined(separator: "\n")
    }

    /// `key = value` lines; a multi-line value continues with ` \` line ends.
    static func settings(_ pairs: [(String, String)]) -> String {
        pairs.map { key, value in
            "\n\(key) = " + value.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " \\\n")
        }.joined()
    }

    private func savedSearch(_ query: String, rule: SigmaRule) -> String {
        let title = rule.title.filter { $0 != "[" && $0 != "]" }
        let description = rule.description.map { Substring($0).trimmingPythonWhitespace() } ?? ""
        let search = query + (rule.fields.isEmpty ? "" : "\n| table " + rule.fields.joined(separator: ","))
        return "\n[\(title)]" + Self.settings([("description", description), ("search", search)])
    }

    private func dataModelQuery(_ query: String, state: ConversionState) throws(ConversionError) -> String {
        guard let dataModelSet = state.pipeline.values[SplunkCIMPipeline.dataModelSetKey] else {
            throw ConversionError(.unsupported, "No data model specified by processing pipeline")
        }
        if dataModelSet.isEmpty { throw ConversionError(.unsupported, "No data set specified by processing pipeline") }
        let parts = dataModelSet.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw ConversionError(.unsupported, "Expected format 'data_model.data_set', but got: \(dataModelSet)")
        }
        let dataSet = String(parts[1])
        guard let fields = state.pipeline.values[SplunkCIMPipeline.fieldsKey] else {
            throw ConversionError(.unsupported, "No fields specified by processing pipeline")
        }
        // Deferred commands (regex, rex/eval, where) cannot stand in a tstats WHERE clause: they follow it.
        var deferredPart = ""
        var whereQuery = Substring(query)
        let searchMarker = "\n| search "
        let marker = query.firstASCIIRange(of: searchMarker)
        let hasORRegex = marker != nil
        if let range = marker {
            deferredPart = String(query[..<range.lowerBound])
            whereQuery = query[range.upperBound...]
        }
        // Searched as a string of its own: a substring's bytes are not handed out contiguously.
        let whereText = String(whereQuery)
        if let range = whereText.firstASCIIRange(of: "\n| ") {
            deferredPart += whereText[range.lowerBound...]
            whereQuery = whereText[..<range.lowerBound]
        }
        if hasORRegex { deferredPart += searchMarker + whereQuery }
        let text = "| tstats summariesonly=false allow_old_summaries=true fillnull_value=\"null\" count min(_time) as firstTime max(_time) as lastTime from datamodel=\(dataModelSet) where \(whereQuery) by \(fields)\(deferredPart)\n| `drop_dm_object_name(\(dataSet))`\n| convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime)\n| convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(lastTime)\n"
        return text.replacingNewlines()
    }
}

private extension String {
    /// Every LF a space: on bytes, since an LF byte is always the scalar U+000A in UTF-8.
    func replacingNewlines() -> String {
        var bytes = Array(utf8)
        for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") { bytes[i] = UInt8(ascii: " ") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
