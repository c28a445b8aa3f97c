@testable import HotpathTemplates

/// Renders one template given as text; `name` picks the escaping by its extension.
func render(
    _ source: String, name: String = "test.html", context: [String: TemplateValue] = [:],
    partials: [String: String] = [:]
) throws -> String {
    var sources = partials
    sources[name] = source
    return try TemplateManager(sources: sources).render(name, context: context)
}

/// The error rendering throws, or `nil` if it renders.
func renderError(
    _ source: String, name: String = "test.html", context: [String: TemplateValue] = [:],
    partials: [String: String] = [:]
) -> TemplateError? {
    do {
        _ = try render(source, name: name, context: context, partials: partials)
        return nil
    } catch let error as TemplateError {
        return error
    } catch {
        return nil
    }
}

/// Applies one filter the way a template does: `{{ value | name(arguments) }}` in a `.txt`
/// template (no escaping), with the value and arguments passed through the context.
func applyFilter(_ name: String, _ value: TemplateValue, _ arguments: TemplateValue...) throws -> String {
    var context: [String: TemplateValue] = ["value": value]
    var names: [String] = []
    for (index, argument) in arguments.enumerated() {
        context["a\(index)"] = argument
        names.append("a\(index)")
    }
    let call = names.isEmpty ? name : "\(name)(\(names.joined(separator: ", ")))"
    return try render("{{ value | \(call) }}", name: "filter.txt", context: context)
}

/// The error a filter throws, or `nil`.
func filterError(_ name: String, _ value: TemplateValue, _ arguments: TemplateValue...) -> TemplateError? {
    var context: [String: TemplateValue] = ["value": value]
    var names: [String] = []
    for (index, argument) in arguments.enumerated() {
        context["a\(index)"] = argument
        names.append("a\(index)")
    }
    let call = names.isEmpty ? name : "\(name)(\(names.joined(separator: ", ")))"
    return renderError("{{ value | \(call) }}", name: "filter.txt", context: context)
}
