/// Checked conversions from YAML scalars to the integers Sigma needs: never a trap, never a silent truncation.
enum YAMLNumber {
    struct Problem: Error, Equatable {
        /// Completes a sentence about the value, e.g. "must be a whole number, not '1.5'".
        var message: String
    }

    /// An integer in Swift's `Int` range, from an int scalar, a whole float (`5.0`) or, when allowed, a digit string.
    static func integer(_ node: YAMLNode, allowingDigitString: Bool = false) -> Result<Int, Problem> {
        let shown = Diagnostic.quoted(node.text ?? node.kindName)
        switch node.scalar {
        case .int(let i)?:
            return .success(i)
        case .double(let d)?:
            guard d.isFinite else { return .failure(Problem(message: "must be a whole number, not \(shown)")) }
            guard d == d.rounded(.towardZero) else {
                return .failure(Problem(message: "must be a whole number, not \(shown)"))
            }
            // Doubles at or beyond 2^63 do not fit; -2^63 itself is exact.
            guard d >= -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_808.0 else {
                return .failure(Problem(message: "\(shown) is out of range (at most \(Int.max))"))
            }
            return .success(Int(d))
        case .string(let s)? where allowingDigitString && !s.isEmpty && s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }):
            guard let i = Int(s) else { return .failure(Problem(message: "\(shown) is out of range (at most \(Int.max))")) }
            return .success(i)
        default:
            return .failure(Problem(message: "must be a whole number, not \(shown)"))
        }
    }
}
