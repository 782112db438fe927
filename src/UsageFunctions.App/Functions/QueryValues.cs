using System.Globalization;

namespace UsageFunctions.App.Functions;

/// <summary>Query-string values of our own APIs, with validation messages collected for a problem-details answer.</summary>
public static class QueryValues
{
    /// <summary>An ISO 8601 date or timestamp (UTC when it has no offset), or <paramref name="fallback"/> when absent.</summary>
    public static DateTimeOffset Instant(HttpRequest request, string name, DateTimeOffset fallback, Dictionary<string, string[]> errors)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0) return fallback;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
        errors[name] = ["An ISO 8601 date or timestamp."];
        return fallback;
    }
}
