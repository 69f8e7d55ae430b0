/// The value syntaxes SigmaKit validates (Python `re`, `ipaddress` networks), for engines that evaluate rules.
public enum SigmaSyntax {
    /// A Python `re` pattern in ICU (NSRegularExpression) syntax, or nil when Python would reject it.
    public static func icuRegex(fromPython pattern: String) -> String? {
        ModifierEngine.pythonToICU(pattern)
    }

    /// The bytes of an IPv4 (4) or IPv6 (16) address written as Python's `ipaddress` accepts it.
    public static func ipAddressBytes(_ text: String) -> [UInt8]? {
        text.contains(":") ? IPNetwork.ipv6(text) : IPNetwork.ipv4(text)
    }
}
