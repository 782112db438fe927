using System.Text.Json;
using System.Text.Json.Nodes;

namespace UsageFunctions.App.Functions;

/// <summary>
/// Writes one <c>{FunctionName}/function.json</c> per catalog function. Run by the publish step
/// (<c>UsageFunctions --write-functions &lt;dir&gt;</c>), so the deployed bindings always match the code.
/// </summary>
public static class FunctionJsonWriter
{
    public const string Argument = "--write-functions";

    public static bool TryRun(string[] args)
    {
        var at = Array.IndexOf(args, Argument);
        if (at < 0) return false;
        var directory = at + 1 < args.Length ? args[at + 1] : Directory.GetCurrentDirectory();
        var written = Write(directory);
        Console.WriteLine($"Wrote {written.Count} function.json files to {Path.GetFullPath(directory)}");
        return true;
    }

    public static IReadOnlyList<string> Write(string directory)
    {
        var written = new List<string>();
        foreach (var function in FunctionCatalog.All)
        {
            var folder = Path.Combine(directory, function.Name);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "function.json");
            File.WriteAllText(path, Json(function).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            written.Add(path);
        }
        return written;
    }

    public static JsonObject Json(FunctionDefinition function) => function switch
    {
        HttpFunction http => new JsonObject
        {
            ["bindings"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "httpTrigger", ["direction"] = "in", ["name"] = "req", ["authLevel"] = http.AuthLevel,
                    ["methods"] = new JsonArray([.. http.Methods.Select(m => JsonValue.Create(m.ToLowerInvariant()))]),
                    ["route"] = http.Route,
                },
                new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
        },
        TimerFunction timer => new JsonObject
        {
            ["bindings"] = new JsonArray(new JsonObject
            {
                ["type"] = "timerTrigger", ["direction"] = "in", ["name"] = "timer",
                ["schedule"] = $"%{timer.ScheduleSetting}%", ["runOnStartup"] = false, ["useMonitor"] = true,
            }),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(function), function.GetType().Name, "Unknown trigger."),
    };
}
