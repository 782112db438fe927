using System.Globalization;
using UsageFunctions.Domain.Time;

namespace UsageFunctions.App.Functions;

/// <summary>Query-string values of our own APIs, with validation messages collected for a problem-details answer.</summary>
public static class QueryValues
{
    /// <summary>
    /// An ISO 8601 date or timestamp (UTC when it has no offset) among the <see cref="SupportedInstants"/>, or
    /// <paramref name="fallback"/> when absent.
    /// </summary>
    public static DateTimeOffset Instant(HttpRequest request, string name, DateTimeOffset fallback, Dictionary<string, string[]> errors)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0) return fallback;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            && SupportedInstants.Contains(value))
            return value;
        errors[name] = [$"An ISO 8601 date or timestamp {SupportedInstants.Description}."];
        return fallback;
    }
}
