import Foundation

/// Entry point of SigmaKit: YAML text or a file to a `SigmaFile` (documents plus positioned diagnostics).
///
/// Never throws: unreadable files, bad encodings and YAML errors become error diagnostics.
public enum SigmaParser {
    /// Files larger than this are refused before parsing (the largest SigmaHQ rule is ~100 kB).
    public static let maxFileSize = SigmaLimits.maxFileBytes

    /// Parses text: errors from the parser plus the default warnings of `SigmaValidator()`.
    public static func parse(text: String, path: String) -> SigmaFile {
        SigmaValidator().apply(to: parseWithoutWarnings(text: text, path: path))
    }

    /// Parses a file: errors plus the default warnings of `SigmaValidator()`.
    public static func parseFile(atPath path: String) -> SigmaFile {
        SigmaValidator().apply(to: parseFileWithoutWarnings(atPath: path))
    }

    /// Parses without convention checks (errors only).
    public static func parseWithoutWarnings(text: String, path: String) -> SigmaFile {
        var sink = DiagnosticSink()
        var documents: [SigmaDocument] = []
        let loaded = YAMLLoader().load(text)
        if let failure = loaded.failure {
            sink.error(failure.code, failure.message, at: failure.position)
        } else {
            documents = DocumentBuilder().build(loaded.documents, sink: &sink)
        }
        let diagnostics = sink.diagnostics.map { d -> Diagnostic in
            var d = d
            d.path = path
            return d
        }
        return SigmaFile(path: path, text: text, documents: documents, diagnostics: diagnostics)
    }

    /// Reads and parses a file without convention checks (errors only).
    public static func parseFileWithoutWarnings(atPath path: String) -> SigmaFile {
        // `convert` reads thousands of files: one open, fstat and read each. Anything unusual takes the
        // Foundation path below, which names the problem.
        if let bytes = readRegularFile(path) { return parseWithoutWarnings(bytes: bytes, path: path) }
        return parseFileThroughFoundation(atPath: path)
    }

    /// The bytes of a readable regular file no larger than the limit, else nil.
    private static func readRegularFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) <= maxFileSize else { return nil }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        // One byte more than the size: a file that grew since fstat is left to the careful path.
        while count <= size {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, size + 1 - count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            count += n
        }
        if count > size { return nil }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    private static func parseFileThroughFoundation(atPath path: String) -> SigmaFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return failed(path, "file-unreadable", "no such file")
        }
        if isDirectory.boolValue { return failed(path, "file-unreadable", "is a folder, not a rule file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return failed(path, "file-unreadable", "cannot read file (permission denied?)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxFileSize + 1) ?? Data()
        } catch {
            return failed(path, "file-unreadable", "cannot read file: \(error.localizedDescription)")
        }
        if data.count > maxFileSize {
            return failed(path, "file-too-large", "file is larger than \(SigmaLimits.maxFileBytesText), the limit for one rule file")
        }
        return parseWithoutWarnings(data: data, path: path)
    }

    /// Parses raw bytes with the default warnings: they must be UTF-8 text (a UTF-8 byte order mark is allowed).
    public static func parse(data: Data, path: String) -> SigmaFile {
        SigmaValidator().apply(to: parseWithoutWarnings(data: data, path: path))
    }

    /// Parses raw bytes without convention checks.
    public static func parseWithoutWarnings(data: Data, path: String) -> SigmaFile {
        parseWithoutWarnings(bytes: [UInt8](data), path: path)
    }

    static func parseWithoutWarnings(bytes: [UInt8], path: String) -> SigmaFile {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            return failed(path, "binary-file", "file is binary, not YAML text (NUL byte)",
                          at: YAMLLoader.position(ofUTF8Offset: nul, in: String(decoding: bytes[..<nul], as: UTF8.self)))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8(bytes)
            let prefix = String(decoding: bytes[..<offset], as: UTF8.self)
            return failed(path, "invalid-encoding", "file is not valid UTF-8 (byte \(offset))",
                          at: YAMLLoader.position(ofUTF8Offset: offset, in: prefix + " "))
        }
        return parseWithoutWarnings(text: text, path: path)
    }

    private static func failed(_ path: String, _ code: String, _ message: String, at position: SourcePosition? = nil) -> SigmaFile {
        var d = Diagnostic(.error, code: code, message, at: position)
        d.path = path
        return SigmaFile(path: path, text: "", documents: [], diagnostics: [d])
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var lo = 0, hi = bytes.count
        // Binary search for the shortest invalid prefix, allowing a truncated character at the end.
        while lo < hi {
            let mid = (lo + hi) / 2
            if String(validating: bytes[..<max(0, mid - 3)], as: UTF8.self) != nil { lo = mid + 1 } else { hi = mid }
        }
        return max(0, lo - 4)
    }
}
