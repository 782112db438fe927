namespace UsageFunctions.App.Exports;

/// <summary>JSON unless the client asks for CSV with <c>format=csv</c> or <c>Accept: text/csv</c>.</summary>
public static class ResponseFormat
{
    /// <summary>Whether to answer CSV; an unknown <c>format</c> adds a validation error.</summary>
    public static bool WantsCsv(HttpRequest request, Dictionary<string, string[]> errors)
    {
        var format = request.Query["format"];
        if (format.Count > 1 || format.Count == 1 && format[0] is not ("csv" or "json"))
        {
            errors["format"] = ["One of: json, csv."];
            return false;
        }
        if (format.Count == 1) return format[0] == "csv";
        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(Csv.MediaType, StringComparison.OrdinalIgnoreCase));
    }
}
