using System.Globalization;
using System.Text;

namespace UsageFunctions.App.Exports;

/// <summary>
/// RFC 4180 text: fields separated by commas, records by CRLF; a field holding a comma, quote, CR or LF (or starting or
/// ending with a space) is quoted, with quotes doubled. Instants are ISO 8601 UTC, numbers invariant culture. A text
/// cell a spreadsheet would run as a formula (starting with <c>= + - @</c>, tab or CR) gets a leading <c>'</c>
/// (OWASP CSV injection): ids, sources, subjects and dimension values are client text.
/// </summary>
public static class Csv
{
    public const string MediaType = "text/csv";

    /// <summary>What a spreadsheet takes for the start of a formula in a cell.</summary>
    public static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>A text cell: guarded against formulas, then quoted as RFC 4180 needs. Numbers and instants have their own.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (Array.IndexOf(FormulaStarts, value[0]) >= 0) value = "'" + value;
        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        return quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Field(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : "";

    public static string Field(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Record(params string[] fields) => string.Join(',', fields) + "\r\n";
}
