/// A parsed CIDR network, printed as Python's `ipaddress.ip_network` does (IPv6 compressed, lowercase).
struct CIDRNetwork: Sendable, Hashable {
    var isV6: Bool
    /// 4 bytes (IPv4) or 16 bytes (IPv6), host bits cleared.
    var address: [UInt8]
    var prefixLength: Int

    init?(_ text: String) {
        let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { return nil }
        let addrText = String(pieces[0])
        var bytes: [UInt8]
        if addrText.contains(":") {
            guard let b = Self.parseV6(addrText) else { return nil }
            bytes = b; isV6 = true
        } else {
            guard let b = Self.parseV4(addrText) else { return nil }
            bytes = b; isV6 = false
        }
        let maxLen = bytes.count * 8
        if pieces.count == 2 {
            guard let p = Int(pieces[1]), p >= 0, p <= maxLen, pieces[1].allSatisfy(\.isASCII) else { return nil }
            prefixLength = p
        } else {
            prefixLength = maxLen
        }
        for i in 0..<bytes.count {
            let bitsBefore = i * 8
            if bitsBefore >= prefixLength { bytes[i] = 0 }
            else if bitsBefore + 8 > prefixLength {
                let keep = prefixLength - bitsBefore
                bytes[i] &= UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
            }
        }
        address = bytes
    }

    var networkAddressText: String {
        isV6 ? Self.formatV6(address) : address.map(String.init).joined(separator: ".")
    }

    /// `str(network)`, e.g. `10.0.0.0/8`, `fe80::/10`.
    var description: String { "\(networkAddressText)/\(prefixLength)" }

    private static func parseV4(_ s: String) -> [UInt8]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(p), v <= 255 else { return nil }
            out.append(UInt8(v))
        }
        return out
    }

    private static func parseV6(_ s: String) -> [UInt8]? {
        var text = s
        // Embedded IPv4 at the end (::ffff:1.2.3.4) becomes two hex groups.
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = parseV4(String(text[text.index(after: lastColon)...])) else { return nil }
            let g1 = String(UInt16(v4[0]) << 8 | UInt16(v4[1]), radix: 16)
            let g2 = String(UInt16(v4[2]) << 8 | UInt16(v4[3]), radix: 16)
            text = String(text[...lastColon]) + g1 + ":" + g2
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for g in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        let tailGroups = 0
        var all: [UInt16]
        if halves.count == 2 {
            guard let rest = groups(halves[1]) else { return nil }
            let missing = 8 - tailGroups - head.count - rest.count
            guard missing >= 1 else { return nil }
            all = head + Array(repeating: 0, count: missing) + rest
        } else {
            all = head
            guard all.count + tailGroups == 8 else { return nil }
        }
        var bytes: [UInt8] = []
        for g in all { bytes.append(UInt8(g >> 8)); bytes.append(UInt8(g & 0xFF)) }
        return bytes.count == 16 ? bytes : nil
    }

    private static func formatV6(_ b: [UInt8]) -> String {
        var groups: [UInt16] = []
        for i in stride(from: 0, to: 16, by: 2) { groups.append(UInt16(b[i]) << 8 | UInt16(b[i + 1])) }
        // Longest run (>1) of zero groups, first one on ties, becomes "::".
        var bestStart = -1, bestLen = 0, i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8 && groups[j] == 0 { j += 1 }
                if j - i > bestLen { bestStart = i; bestLen = j - i }
                i = j
            } else { i += 1 }
        }
        let hex = groups.map { String($0, radix: 16) }
        if bestLen < 2 { return hex.joined(separator: ":") }
        let left = hex[0..<bestStart].joined(separator: ":")
        let right = hex[(bestStart + bestLen)...].joined(separator: ":")
        return left + "::" + right
    }
}
