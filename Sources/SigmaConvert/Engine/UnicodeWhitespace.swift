extension Unicode.Scalar {
    /// Unicode's White_Space property, answered without the property-table lookup for ASCII (most field names
    /// and values are ASCII, and escaping tests every scalar).
    var isUnicodeWhitespace: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }
}
