import Mustache

/// The site's mustache templates and static assets, compiled into the binary from `Site/Templates`.
enum SiteTemplates {
    /// Template name (file name without `.mustache`) → text, plus assets by file name.
    static let files: [String: String] = {
        var out: [String: String] = [:]
        for file in EmbeddedResources.files {
            let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
            out[name] = file.text
        }
        return out
    }()

    /// Every template parsed once; a template that does not parse is a build defect, caught by the tests.
    static let library: Result<MustacheLibrary, SiteError> = {
        var library = MustacheLibrary()
        for (name, text) in files.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".mustache") {
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                return .failure(SiteError("template \(name) does not parse: \(error)"))
            }
        }
        return .success(library)
    }()

    static func asset(_ name: String) throws -> String {
        guard let text = files[name] else { throw SiteError("asset \(name) is not embedded") }
        return text
    }

    static func render(_ model: Any, _ template: String) throws -> String {
        let library = try library.get()
        guard let text = library.render(model, withTemplate: template) else {
            throw SiteError("template \(template) is not embedded")
        }
        return text
    }
}

/// A site that cannot be built (a missing or broken embedded template).
public struct SiteError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
