import Foundation
import SigmaKit

/// The one way text reaches standard output and standard error.
///
/// On a terminal every control character from rule text is neutralised (`SafeText.block`: ESC sequences, C0/C1,
/// bidi overrides), whatever the format. Piped, output is exact: JSON and CSV are data for another program, and
/// diagnostics and tables neutralise their own cells and values whatever the destination.
enum TerminalOutput {
    static func write(_ text: String) {
        let safe = Terminal.stdoutIsTTY ? SafeText.block(text) : text
        FileHandle.standardOutput.write(Data(safe.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(SafeText.block(text).utf8))
    }
}

/// Every `print` in this executable goes through `TerminalOutput` (this shadows the standard library's).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    TerminalOutput.write(items.map { "\($0)" }.joined(separator: separator) + terminator)
}
