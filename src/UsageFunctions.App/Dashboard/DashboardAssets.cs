using System.Collections.Frozen;

namespace UsageFunctions.App.Dashboard;

/// <summary>
/// The dashboard's files, read once from the <c>dashboard</c> folder of the app's output (shipped in the package as
/// content). Only the files found there are served; any other name is a 404 problem.
/// </summary>
public sealed class DashboardAssets
{
    public const string Page = "index.html";
    public const string Folder = "dashboard";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, (byte[] Bytes, string ContentType)> _files;

    public DashboardAssets() : this(Path.Combine(AppContext.BaseDirectory, Folder))
    {
    }

    public DashboardAssets(string folder) =>
        _files = Directory.EnumerateFiles(folder)
            .Where(path => ContentTypes.ContainsKey(Path.GetExtension(path)))
            .ToFrozenDictionary(path => Path.GetFileName(path), path => (File.ReadAllBytes(path), ContentTypes[Path.GetExtension(path)]), StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _files.Keys;

    public IResult Serve(string name) => _files.TryGetValue(name, out var file)
        ? new DashboardFileResult(file.Bytes, file.ContentType)
        : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "The dashboard has no file of this name; it lives at /dashboard.");
}
