using System.Globalization;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Vendors;

/// <summary>
/// A small JSON Schema checker for the vendor contracts (no validator package restores offline): type, required,
/// properties, additionalProperties (schema or false), items, enum and format date / date-time. Schemas live in
/// <c>Vendors/Schemas</c> and are transcribed from the seed documentation.
/// </summary>
public static class JsonSchemaCheck
{
    public static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "UsageFunctions.Tests", "Vendors", "Schemas", name)))
            .RootElement.Clone();

    public static void AssertValid(string schemaFile, JsonElement instance)
    {
        var errors = new List<string>();
        Check(Load(schemaFile), instance, "$", errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + instance.GetRawText());
    }

    public static IReadOnlyList<string> Errors(JsonElement schema, JsonElement instance)
    {
        var errors = new List<string>();
        Check(schema, instance, "$", errors);
        return errors;
    }

    private static void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type.GetString()!, value))
        {
            errors.Add($"{path}: expected {type.GetString()}, got {value.ValueKind}");
            return;
        }
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.GetRawText() == value.GetRawText()))
            errors.Add($"{path}: {value.GetRawText()} is not one of {allowed.GetRawText()}");
        if (schema.TryGetProperty("format", out var format) && value.ValueKind == JsonValueKind.String && !FormatMatches(format.GetString()!, value.GetString()!))
            errors.Add($"{path}: '{value.GetString()}' is not a {format.GetString()}");
        if (value.ValueKind == JsonValueKind.Object) CheckObject(schema, value, path, errors);
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Check(items, item, $"{path}[{i++}]", errors);
        }
    }

    private static void CheckObject(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!value.TryGetProperty(name, out _)) errors.Add($"{path}: missing required '{name}'");
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var sub))
                Check(sub, property.Value, $"{path}.{property.Name}", errors);
            else if (schema.TryGetProperty("additionalProperties", out var extra))
            {
                if (extra.ValueKind == JsonValueKind.False) errors.Add($"{path}: unexpected property '{property.Name}'");
                else if (extra.ValueKind == JsonValueKind.Object) Check(extra, property.Value, $"{path}.{property.Name}", errors);
            }
        }
    }

    private static bool TypeMatches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => false,
    };

    private static bool FormatMatches(string format, string text) => format switch
    {
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date-time" => text.Contains('T', StringComparison.Ordinal) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => true,
    };
}
