using System.Text.Json;

namespace UsageFunctions.LocalHost.Workers;

/// <summary>
/// The app folder's <c>worker.config.json</c> (written by the Worker SDK): which executable starts the worker, with which
/// arguments and app path. <c>{WorkerRoot}</c> stands for the app folder.
/// </summary>
public sealed record WorkerConfig(string Executable, IReadOnlyList<string> ExecutableArguments, string WorkerPath)
{
    public static WorkerConfig Read(string scriptRoot)
    {
        var path = Path.Combine(scriptRoot, "worker.config.json");
        if (!File.Exists(path)) throw new InvalidOperationException($"No worker.config.json in {scriptRoot}: is it a built function app?");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var description = document.RootElement.GetProperty("description");
        string? Text(string name) => description.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var root = scriptRoot.TrimEnd('/') + "/";
        string Expand(string value) => value.Replace("{WorkerRoot}", root, StringComparison.OrdinalIgnoreCase);
        var arguments = description.TryGetProperty("defaultExecutableArguments", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => Expand(a.GetString() ?? "")).ToList()
            : [];
        var workerPath = Expand(Text("defaultWorkerPath") ?? "");
        return new WorkerConfig(Expand(Text("defaultExecutablePath") ?? "dotnet"), arguments,
            workerPath.Length == 0 || Path.IsPathRooted(workerPath) ? workerPath : Path.Combine(scriptRoot, workerPath));
    }
}
