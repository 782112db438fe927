using System.Text.Json;
using UsageFunctions.LocalHost.Rpc;

namespace UsageFunctions.LocalHost.Functions;

/// <summary>A function the worker indexed and loaded, with its trigger as the host reads it from the raw bindings.</summary>
public sealed record LoadedFunction(string Name, string Id, RpcFunctionMetadata Metadata, HttpTrigger? Http, TimerTrigger? Timer)
{
    public string TriggerType => Http is not null ? "httpTrigger" : Timer is not null ? "timerTrigger" : "other";

    /// <summary>Reads the trigger binding; <c>%Name%</c> in a timer's schedule is resolved from the app settings.</summary>
    public static LoadedFunction From(RpcFunctionMetadata metadata, AppSettings settings)
    {
        HttpTrigger? http = null;
        TimerTrigger? timer = null;
        foreach (var raw in metadata.RawBindings)
        {
            using var binding = JsonDocument.Parse(raw);
            var root = binding.RootElement;
            var type = Text(root, "type");
            var name = Text(root, "name") ?? "";
            if (string.Equals(type, "httpTrigger", StringComparison.OrdinalIgnoreCase))
            {
                var methods = root.TryGetProperty("methods", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToHashSet()
                    : [];
                http = new HttpTrigger(name, Text(root, "route") ?? metadata.Name, methods);
            }
            else if (string.Equals(type, "timerTrigger", StringComparison.OrdinalIgnoreCase))
            {
                timer = new TimerTrigger(name, Schedule.Parse(settings.Resolve(Text(root, "schedule") ?? "")),
                    root.TryGetProperty("runOnStartup", out var start) && start.ValueKind == JsonValueKind.True);
            }
        }
        return new LoadedFunction(metadata.Name, metadata.FunctionId, metadata, http, timer);
    }

    private static string? Text(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                return property.Value.GetString();
        return null;
    }
}

/// <summary>An HTTP trigger: its route template (after the empty or configured route prefix) and methods (none: all).</summary>
public sealed record HttpTrigger(string BindingName, string Route, IReadOnlySet<string> Methods)
{
    public bool Allows(string method) => Methods.Count == 0 || Methods.Contains(method.ToUpperInvariant());
}

/// <summary>A timer trigger: its schedule, and whether it also runs once when the host starts.</summary>
public sealed record TimerTrigger(string BindingName, Schedule Schedule, bool RunOnStartup);
