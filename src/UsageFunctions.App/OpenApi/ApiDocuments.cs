using System.Collections.Frozen;

namespace UsageFunctions.App.OpenApi;

/// <summary>
/// The OpenAPI 3.1 documents of the APIs this app serves, one per surface, and the reference page that renders them:
/// files shipped beside the app (OpenApi/*.json, OpenApi/reference/*), read once. Nothing here is built from a request,
/// so a name outside these lists is simply not found.
/// </summary>
public static class ApiDocuments
{
    /// <summary>The documents, by the name in <c>/openapi/{name}.json</c>, with the base path of the surface.</summary>
    public static readonly IReadOnlyList<(string Name, string Title, string BasePath)> All =
    [
        ("usage", "UsageFunctions API: management, ingestion, events, usage", "/"),
        ("vocode", "Vocode-compatible usage API", "/vocode"),
        ("agentphone", "AgentPhone-compatible usage API", "/agentphone"),
        ("ultravox", "Ultravox-compatible usage API", "/ultravox"),
        ("billing", "Billing usage API", "/billing"),
    ];

    private static readonly FrozenDictionary<string, string> PageTypes = new Dictionary<string, string>
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["reference.js"] = "text/javascript; charset=utf-8",
        ["reference.css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(() =>
        All.Select(d => d.Name + ".json").Select(f => (Key: f, Path: Path.Combine(Folder, f)))
            .Concat(PageTypes.Keys.Select(f => (Key: "reference/" + f, Path: Path.Combine(Folder, "reference", f))))
            .ToFrozenDictionary(f => f.Key, f => File.ReadAllBytes(f.Path)));

    /// <summary>Where the files are: the app's folder, as built and as packaged.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "OpenApi");

    /// <summary>A document by file name (<c>usage.json</c>), or null.</summary>
    public static byte[]? Document(string fileName) => Files.Value.GetValueOrDefault(fileName);

    /// <summary>A file of the reference page and its content type, or null.</summary>
    public static (byte[] Content, string ContentType)? Page(string fileName) =>
        PageTypes.TryGetValue(fileName, out var type) ? (Files.Value["reference/" + fileName], type) : null;
}
