using System.Text.Json;

namespace UsageFunctions.Domain.Text;

/// <summary>
/// Finds text a JSON document carries that is not Unicode: invalid UTF-8 bytes or a lone surrogate escape such as
/// <c>"\ud800"</c>. Such strings parse as JSON but cannot be read as .NET strings, so they are found before anything
/// reads them.
/// </summary>
public static class JsonText
{
    /// <summary>The path of the first string or property name that is not valid Unicode text, or null when all are.</summary>
    public static string? FindInvalid(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TryRead(element, out _) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindInvalid(item, $"{path}[{index++}]") is { } found) return found;
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryName(property, out var name)) return path;
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (FindInvalid(property.Value, child) is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Reads a JSON string; false when it holds invalid UTF-8 or a lone surrogate.</summary>
    public static bool TryRead(JsonElement element, out string? text)
    {
        try
        {
            text = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static bool TryName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }
}
