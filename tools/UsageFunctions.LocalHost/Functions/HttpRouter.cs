using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace UsageFunctions.LocalHost.Functions;

/// <summary>
/// Finds the HTTP function for a request by route template and method, the more specific template first (literal
/// segments before parameters), as the host's routing does. A path no function's route matches, or matches only for
/// other methods, has no function: the host answers 404.
/// </summary>
public sealed class HttpRouter
{
    private readonly List<(LoadedFunction Function, TemplateMatcher Matcher)> _routes;

    public HttpRouter(IEnumerable<LoadedFunction> functions, string routePrefix)
    {
        _routes = [.. functions.Where(f => f.Http is not null)
            .Select(f => (Function: f, Template: TemplateParser.Parse(Combine(routePrefix, f.Http!.Route))))
            .OrderByDescending(r => r.Template.Segments.Count(s => s.IsSimple && s.Parts[0].IsLiteral))
            .ThenBy(r => r.Template.Parameters.Count)
            .Select(r => (r.Function, new TemplateMatcher(r.Template, new RouteValueDictionary())))];
    }

    public (LoadedFunction Function, RouteValueDictionary Values)? Match(string method, string path)
    {
        if (path.Length > 1 && path.EndsWith('/')) path = path[..^1];
        foreach (var (function, matcher) in _routes)
        {
            var values = new RouteValueDictionary();
            if (function.Http!.Allows(method) && matcher.TryMatch(path, values)) return (function, values);
        }
        return null;
    }

    private static string Combine(string prefix, string route) =>
        string.Join('/', new[] { prefix.Trim('/'), route.Trim('/') }.Where(p => p.Length > 0));
}
