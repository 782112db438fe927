using System.Text.Json;
using NJsonSchema;

namespace UsageFunctions.Tests.Vendors;

/// <summary>
/// JSON Schemas of the vendor responses, taken from the vendors' published documentation (Schemas/*.json), checked by
/// a real JSON Schema validator. Schemas forbid unknown properties where the vendor documents the whole object.
/// </summary>
public sealed class VendorSchemas(string file)
{
    public static readonly VendorSchemas Vocode = new("vocode-usage.json");
    public static readonly VendorSchemas VocodeError = new("fastapi-error.json");
    public static readonly VendorSchemas AgentPhoneUsage = new("agentphone-usage.json");
    public static readonly VendorSchemas AgentPhoneDaily = new("agentphone-daily.json");
    public static readonly VendorSchemas AgentPhoneMonthly = new("agentphone-monthly.json");
    public static readonly VendorSchemas AgentPhoneByNumber = new("agentphone-by-number.json");
    public static readonly VendorSchemas AgentPhoneByAgent = new("agentphone-by-agent.json");
    public static readonly VendorSchemas AgentPhoneError = new("agentphone-error.json");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, VendorSchemas> Loaded = new();

    public static VendorSchemas For(string file) => Loaded.GetOrAdd(file, f => new VendorSchemas(f));

    private readonly Lazy<JsonSchema> _schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vendors", "Schemas", file))).GetAwaiter().GetResult());

    public IReadOnlyCollection<string> Errors(JsonElement body) =>
        [.. _schema.Value.Validate(body.GetRawText()).Select(e => $"{e.Path}: {e.Kind}")];

    public void AssertValid(JsonElement body)
    {
        var errors = _schema.Value.Validate(body.GetRawText());
        Assert.True(errors.Count == 0, $"{file}: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")) + "\n" + body.GetRawText());
    }
}
