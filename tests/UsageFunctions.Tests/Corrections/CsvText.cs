using CsvHelper;

namespace UsageFunctions.Tests.Corrections;

/// <summary>Parses CSV answers with a real CSV library (RFC 4180 mode): one dictionary per record, keyed by the header row.</summary>
public static class CsvText
{
    public static (string[] Header, List<Dictionary<string, string>> Rows) Parse(string text)
    {
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { Mode = CsvMode.Rfc4180, HasHeader = true });
        reader.ReadHeader();
        var header = reader.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read()) rows.Add(header.ToDictionary(h => h, h => reader.GetString(h)));
        return (header, rows);
    }
}
