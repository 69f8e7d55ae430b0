import Foundation
import PackagePlugin

/// Turns the target's `Site/Templates/**` (mustache templates, CSS, JavaScript) into a generated Swift file,
/// so the installed binary writes its site without reading the source tree.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        // Sources/<target>/Site/Templates, found from the package root (tools version 6.0 has no target URL).
        let dir = context.package.directoryURL.appendingPathComponent("Sources/\(target.name)/Site/Templates")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where !url.hasDirectoryPath {
                if ["mustache", "css", "js", "svg"].contains(url.pathExtension) { inputs.append(url) }
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedTemplates.swift")
        return [.buildCommand(
            displayName: "Embedding site templates",
            executable: try context.tool(named: "EmbedTool").url,
            arguments: [dir.path, output.path] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }
}
