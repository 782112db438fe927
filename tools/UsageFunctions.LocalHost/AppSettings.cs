using System.Text.Json;
using System.Text.RegularExpressions;

namespace UsageFunctions.LocalHost;

/// <summary>
/// App settings as the Functions host knows them: explicit ones first, then the host's environment, then the
/// <c>Values</c> of <c>local.settings.json</c> in the app folder. Binding expressions such as <c>%Timers__Rollup%</c>
/// read them; the worker gets them as environment variables.
/// </summary>
public sealed partial class AppSettings(IReadOnlyDictionary<string, string> values, bool readEnvironment = true)
{
    public static readonly AppSettings Empty = new(new Dictionary<string, string>(), readEnvironment: false);

    /// <summary>The settings handed to the worker (it inherits the host's environment besides).</summary>
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public string? Get(string name) =>
        Values.TryGetValue(name, out var value) && value.Length > 0 ? value
        : readEnvironment && Environment.GetEnvironmentVariable(name) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    /// <summary>The app folder's local.settings.json under <paramref name="overrides"/>; the environment wins over the file.</summary>
    public static AppSettings For(string scriptRoot, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var file = Path.Combine(scriptRoot, "local.settings.json");
        if (File.Exists(file))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            if (document.RootElement.TryGetProperty("Values", out var settings))
                foreach (var setting in settings.EnumerateObject())
                    values[setting.Name] = Environment.GetEnvironmentVariable(setting.Name) ?? setting.Value.ToString();
        }
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>()) values[name] = value;
        return new AppSettings(values);
    }

    /// <summary>Replaces each <c>%Name%</c> with its setting, as the host resolves binding expressions.</summary>
    public string Resolve(string expression) => Placeholder().Replace(expression, match =>
        Get(match.Groups[1].Value) ?? throw new InvalidOperationException($"'{match.Value}' does not resolve to an app setting."));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Placeholder();
}
