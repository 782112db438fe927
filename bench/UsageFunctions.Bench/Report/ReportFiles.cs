using System.Text.Json;

namespace UsageFunctions.Bench;

/// <summary>A scenario's report pair: <c>{name}.{md,json}</c> for a full run, <c>{name}-{mode}.{md,json}</c> otherwise.</summary>
public static class ReportFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes both files; returns the markdown's path.</summary>
    public static async Task<string> WriteAsync<T>(string directory, string name, string mode, string markdown, T result)
    {
        Directory.CreateDirectory(directory);
        var file = mode == "full" ? name : $"{name}-{mode}";
        var path = Path.Combine(directory, file + ".md");
        await File.WriteAllTextAsync(path, markdown);
        await File.WriteAllTextAsync(Path.Combine(directory, file + ".json"), JsonSerializer.Serialize(result, Json));
        return path;
    }
}
