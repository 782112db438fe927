using System.Globalization;

namespace UsageFunctions.App.Vendors;

/// <summary>How instants and dates are written in vendor responses.</summary>
public static class VendorFormats
{
    /// <summary>UTC to the second with a Z, as in <c>2024-06-01T00:00:00Z</c>.</summary>
    public static string UtcSecond(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>An inclusive period end, as vendors print it: the last whole second before the exclusive end.</summary>
    public static string InclusiveEnd(DateTimeOffset exclusiveEnd) => UtcSecond(exclusiveEnd.AddSeconds(-1));

    public static string Date(DateTime localDate) => localDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(DateTime localDate) => localDate.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// The last value of a query parameter (as most frameworks read a repeated one), null when it is absent or empty:
    /// clients such as AgentPhone's SDK send <c>tz=</c> for a parameter they leave unset.
    /// </summary>
    public static string? Last(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[^1]) ? values[^1] : null;
}
