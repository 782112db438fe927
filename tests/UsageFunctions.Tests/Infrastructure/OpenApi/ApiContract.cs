using System.Text.Json.Nodes;

namespace UsageFunctions.Tests.Infrastructure.OpenApi;

/// <summary>
/// The app's OpenAPI documents (src/UsageFunctions.App/OpenApi/*.json) as the response validator uses them: every
/// operation with its full path (the document's server base path + the path), and per status the JSON Schema of each
/// content type. Loaded once per test run.
/// </summary>
public sealed class ApiContract
{
    public static readonly string[] DocumentNames = ["usage", "vocode", "agentphone", "ultravox", "billing"];

    private static readonly Lazy<ApiContract> Loaded = new(() => new ApiContract(DocumentNames.Select(Load)));

    public static ApiContract Current => Loaded.Value;

    public static string Folder => Path.Combine(RepositoryRoot.Path, "src", "UsageFunctions.App", "OpenApi");

    private ApiContract(IEnumerable<(string Name, JsonObject Document)> documents)
    {
        Operations = [.. documents.SelectMany(d => ContractOperation.AllOf(d.Name, d.Document))
            .OrderByDescending(o => o.LiteralSegments).ThenBy(o => o.Parameters)];
    }

    public IReadOnlyList<ContractOperation> Operations { get; }

    /// <summary>The operation a request reaches, as the host routes it (literal segments first), or null when no document has it.</summary>
    public ContractOperation? Find(string method, string path)
    {
        if (path.Length > 1 && path.EndsWith('/')) path = path[..^1];
        return Operations.FirstOrDefault(o => o.Matches(method, path));
    }

    public static (string Name, JsonObject Document) Load(string name) =>
        (name, JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!.AsObject());
}
