import Foundation

/// Strict IPv4/IPv6 network parsing for the `cidr` modifier, with the checks Python's
/// `ipaddress.ip_network` applies (octets without leading zeros, prefix range, no host bits set).
enum IPNetwork {
    struct Invalid: Error { var reason: String }

    /// Validates `text`; returns nil when valid, otherwise the reason.
    static func problem(_ text: String) -> String? {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let address = String(parts[0])
        let prefixText = parts.count > 1 ? String(parts[1]) : nil
        if address.contains(":") {
            guard let bytes = ipv6(address) else { return "'\(address)' is not an IPv6 address" }
            return checkPrefix(prefixText, bits: 128, bytes: bytes, text: text)
        }
        guard let bytes = ipv4(address) else { return "'\(address)' is not an IPv4 address" }
        return checkPrefix(prefixText, bits: 32, bytes: bytes, text: text)
    }

    private static func checkPrefix(_ prefixText: String?, bits: Int, bytes: [UInt8], text: String) -> String? {
        var prefix = bits
        if let prefixText {
            guard !prefixText.isEmpty, prefixText.allSatisfy({ $0.isASCII && $0.isNumber }), prefixText.count <= 3,
                  let p = Int(prefixText), p <= bits else {
                return "'\(prefixText)' is not a valid prefix length (0-\(bits))"
            }
            prefix = p
        }
        for bit in prefix..<bits where bytes[bit / 8] & (0x80 >> UInt8(bit % 8)) != 0 {
            return "'\(text)' has host bits set"
        }
        return nil
    }

    static func ipv4(_ s: String) -> [UInt8]? {
        let octets = s.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var out: [UInt8] = []
        for o in octets {
            guard (1...3).contains(o.count), o.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            if o.count > 1, o.first == "0" { return nil }
            guard let v = Int(o), v <= 255 else { return nil }
            out.append(UInt8(v))
        }
        return out
    }

    static func ipv6(_ s: String) -> [UInt8]? {
        if s.isEmpty { return nil }
        var text = Substring(s)
        var tail: [UInt8] = []
        // An embedded IPv4 address in the last 32 bits.
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = ipv4(String(text[text.index(after: lastColon)...])) else { return nil }
            tail = v4
            var head = text[...lastColon]
            if !head.hasSuffix("::") { head = head.dropLast() }
            text = head
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ h: String) -> [UInt16]? {
            if h.isEmpty { return [] }
            var out: [UInt16] = []
            for g in h.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(g.count), let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        let wanted = 8 - tail.count / 2
        var all: [UInt16]
        if halves.count == 2 {
            guard let a = groups(halves[0]), let b = groups(halves[1]), a.count + b.count < wanted else { return nil }
            all = a + Array(repeating: 0, count: wanted - a.count - b.count) + b
        } else {
            guard let a = groups(halves[0]), a.count == wanted else { return nil }
            all = a
        }
        var bytes: [UInt8] = []
        for g in all { bytes.append(UInt8(g >> 8)); bytes.append(UInt8(g & 0xff)) }
        return bytes + tail
    }
}
