/// "Did you mean" for anything a user types: the closest candidate by edit distance, when close enough.
public enum Suggestion {
    /// The candidate nearest to `text` (case-insensitive), if at most `maxDistance` edits away; ties keep the
    /// first candidate given, so callers order candidates by preference.
    public static func closest(to text: String, among candidates: some Sequence<String>, maxDistance: Int = 2) -> String? {
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let d = distance(text, candidate, limit: maxDistance)
            if d <= maxDistance, d < (best?.distance ?? Int.max) { best = (d, candidate) }
        }
        return best?.candidate
    }

    /// Levenshtein distance, giving up (returning limit + 1) once every path exceeds `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = Array(repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
