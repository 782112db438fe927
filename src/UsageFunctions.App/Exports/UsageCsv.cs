using UsageFunctions.App.Usage;

namespace UsageFunctions.App.Exports;

/// <summary>
/// The CSV of <c>GET /api/usage</c>: a <c>total</c> record for the window, then one <c>point</c> record per series bucket
/// (with <c>grain</c>) and one <c>dimension</c> record per breakdown value (with <c>groupBy</c>), as in the JSON answer.
/// </summary>
public static class UsageCsv
{
    public static readonly string Header = Csv.Record("meter", "unit", "row", "start", "end", "dimension", "value", "asOf");

    public static IEnumerable<string> Rows(UsageResponse usage)
    {
        yield return Header;
        yield return Row(usage, "total", usage.From, usage.To, null, usage.Total);
        foreach (var point in usage.Series ?? []) yield return Row(usage, "point", point.Start, point.End, null, point.Value);
        foreach (var (dimension, value) in usage.ByDimension ?? new Dictionary<string, decimal>())
            yield return Row(usage, "dimension", usage.From, usage.To, dimension, value);
    }

    private static string Row(UsageResponse usage, string row, DateTimeOffset start, DateTimeOffset end, string? dimension, decimal value) =>
        Csv.Record(Csv.Field(usage.Meter), Csv.Field(usage.Unit), row, Csv.Field(start), Csv.Field(end), Csv.Field(dimension), Csv.Field(value),
            Csv.Field(usage.AsOf));
}
