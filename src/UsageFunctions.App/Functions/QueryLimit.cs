using System.Globalization;

namespace UsageFunctions.App.Functions;

/// <summary>A <c>limit</c> query value: absent means the default; anything but one plain integer in range is an error.</summary>
public static class QueryLimit
{
    public static int Read(HttpRequest request, int fallback, int max, Dictionary<string, string[]> errors)
    {
        var values = request.Query["limit"];
        if (values.Count == 0) return fallback;
        var text = values[0] ?? "";
        if (values.Count == 1 && text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit)
            && int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) is var limit and >= 1 && limit <= max)
            return limit;
        errors["limit"] = [$"One integer from 1 to {max}."];
        return fallback;
    }
}
