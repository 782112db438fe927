using System.Globalization;
using Azure.Data.Tables;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Calls;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Usage;
using UsageFunctions.Tests.Infrastructure;
using UsageFunctions.Tests.Rollups.Oracle;

namespace UsageFunctions.Tests.Rollups;

/// <summary>Compares what the product stored and answers with the oracle's recount; answers how many figures were compared.</summary>
public static class RollupAssertions
{
    public static async Task<int> RowsMatchAsync(UsageAppFactory app, WorldAccount account)
    {
        var table = new TableServiceClient(app.ConnectionString).GetTableClient(app.TablePrefix + "Aggregates");
        var id = account.Account.Id;
        var actual = new Dictionary<(string, string, string, string, string), (decimal, DateTimeOffset?)>();
        var parts = new Dictionary<(string, string, string, string, string), (decimal, DateTimeOffset?)>();
        var digested = new Dictionary<(string, string, string, string, string), (decimal, DateTimeOffset?)>();
        var texts = new Dictionary<DateTimeOffset, List<DigestCall>>();
        var figures = new Dictionary<DateTimeOffset, List<DigestCall>>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {id + "~"} and PartitionKey lt {id + "~~"}")))
        {
            if (CallDigestRows.IsText(row.RowKey))
            {
                Assert.False(CallDigestRows.IsHourRow(row.RowKey), "the roll-up writes day rows");
                foreach (var call in CallDigestRows.Decode(row)) Collect(texts, RawEventKeys.HourStart(call.CreatedAt), [call]);
                continue;
            }
            if (CallDigestRows.IsDigest(row.RowKey))
            {
                Assert.False(CallDigestRows.IsHourRow(row.RowKey), "the roll-up writes day rows");
                // A day row answers for the hours of its mask, and holds calls of those hours only, in canonical order.
                var answered = CallDigestRows.HoursOf(row).ToHashSet();
                var decoded = CallDigestRows.Decode(row);
                Assert.All(decoded, c => Assert.Contains(RawEventKeys.HourStart(c.CreatedAt), answered));
                Assert.True(decoded.Zip(decoded.Skip(1)).All(p => DigestCall.CanonicalOrder(p.First, p.Second) <= 0), $"{row.RowKey}: calls out of order");
                // An hour's call digests hold its calls: as many as its calls row counts, as long as its call_seconds row sums.
                foreach (var call in decoded)
                {
                    var at = RawEventKeys.HourStart(call.CreatedAt);
                    Collect(figures, at, [call]);
                    var hour = AggregateKeys.BucketKey(new UtcBucket(BucketGrain.Hour, at));
                    Add(("h", hour, MeterKeys.Calls, CellKey.AllValues, ""), 1);
                    Add(("h", hour, MeterKeys.CallSeconds, CellKey.AllValues, ""), (decimal)call.DurationSeconds);
                }
                continue;
            }
            var grain = row.PartitionKey.Split('~')[1];
            var (bucket, meter, dimension, value) = (row.GetString("Bucket"), row.GetString("Meter"), row.GetString("Dimension"), row.GetString("DimensionValue"));
            actual[(grain, bucket, meter, dimension, value)] = (decimal.Parse(row.GetString("Value"), CultureInfo.InvariantCulture), row.GetDateTimeOffset("At"));
            // A day row carries its hours' cells: they must be the hour rows, one for one.
            if (grain == "d")
                foreach (var (hour, cell) in RowParts.Decode(row.GetString("Parts")))
                    parts[("h", bucket + hour.ToString("00", CultureInfo.InvariantCulture), meter, dimension, value)] = (cell.Value, cell.At);
        }
        var counted = actual.Where(a => a.Key.Item1 == "h" && a.Key.Item4 == CellKey.AllValues && a.Key.Item3 is MeterKeys.Calls or MeterKeys.CallSeconds)
            .Where(a => a.Value.Item1 != 0).ToDictionary();
        digested = digested.Where(d => d.Value.Item1 != 0).ToDictionary();
        Assert.True(digested.Count == counted.Count && digested.All(d => counted.TryGetValue(d.Key, out var c) && c.Item1 == d.Value.Item1),
            $"{account.Zone}: call digests differ from the hour rows: {string.Join("; ", digested.Where(d => counted.GetValueOrDefault(d.Key).Item1 != d.Value.Item1).Take(5))}");
        // The text digests hold the same calls, in the same order, each with its text.
        Assert.Equal(figures.Keys.Order(), texts.Keys.Order());
        foreach (var (hour, calls) in figures)
        {
            Assert.All(texts[hour], c => Assert.NotNull(c.Text));
            Assert.Equal(calls, texts[hour].Select(c => c with { Text = null }));
        }
        var hours = actual.Where(a => a.Key.Item1 == "h").ToDictionary();
        Assert.True(parts.Count == hours.Count && parts.All(p => hours.TryGetValue(p.Key, out var h) && h == p.Value),
            $"{account.Zone}: day rows' hour parts differ from the hour rows: {string.Join("; ", parts.Where(p => hours.GetValueOrDefault(p.Key) != p.Value).Take(5))}");
        var expected = account.Oracle.Rows();
        var missing = expected.Where(e => !actual.TryGetValue(e.Key, out var a) || a.Item1 != e.Value.Figure || a.Item2 != e.Value.At).Take(5).ToList();
        var extra = actual.Keys.Where(k => !expected.ContainsKey(k)).Take(5).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{account.Zone}: rows differ. Expected but not stored: {string.Join("; ", missing.Select(m => $"{m.Key} = {m.Value} (stored {actual.GetValueOrDefault(m.Key)})"))}. Extra: {string.Join("; ", extra)}");
        return expected.Count;

        void Add((string, string, string, string, string) key, decimal value) => digested[key] = (digested.GetValueOrDefault(key).Item1 + value, null);

        static void Collect(Dictionary<DateTimeOffset, List<DigestCall>> into, DateTimeOffset hour, IEnumerable<DigestCall> calls)
        {
            if (!into.TryGetValue(hour, out var list)) into[hour] = list = [];
            list.AddRange(calls);
        }
    }

    /// <summary>
    /// Every meter, breakdown and some filters over every window, asked as one batch (shared aggregate and raw reads) and,
    /// for a random fifth of them, one by one as well: both must equal the recount.
    /// </summary>
    public static async Task<int> TotalsMatchAsync(IUsageQuery query, WorldAccount account, IEnumerable<(DateTimeOffset From, DateTimeOffset To)> windows, Random random)
    {
        var oracle = account.Oracle;
        var asked = new List<(TotalQuery Query, decimal Total, Dictionary<string, decimal> ByValue, string What)>();
        foreach (var (from, to) in windows)
        {
            foreach (var meter in OracleMeters.Keys)
            {
                foreach (var breakdown in OracleMeters.DimensionsOf(meter).Prepend(null))
                {
                    var (total, byValue) = oracle.Total(meter, from, to, breakdown);
                    asked.Add((new TotalQuery(meter, from, to, breakdown), total, byValue, $"{account.Zone} {meter} [{from:O}, {to:O}) by {breakdown}"));
                }
                // Filters on one dimension per meter and window keep the run short; the seed decides which.
                foreach (var dimension in OracleMeters.DimensionsOf(meter).Where(_ => random.NextDouble() < 0.4))
                {
                    var values = oracle.Total(meter, account.CreatedAt.AddDays(-40), to, dimension).ByValue.Keys.Where(_ => random.NextDouble() < 0.5)
                        .Append("no-such-value").ToHashSet(StringComparer.Ordinal);
                    var (total, byValue) = oracle.Total(meter, from, to, dimension, dimension, values);
                    asked.Add((new TotalQuery(meter, from, to, dimension, new DimensionFilter(dimension, values)), total, byValue,
                        $"{account.Zone} {meter} [{from:O}, {to:O}) filtered on {dimension}"));
                }
            }
        }
        var batch = await query.ReadAsync(account.Account.Id, new UsageReadBatch([.. asked.Select(a => a.Query)], []), CancellationToken.None);
        for (var i = 0; i < asked.Count; i++)
        {
            var (q, total, byValue, what) = asked[i];
            Same(total, byValue, batch.Totals[i], what + " (batch)");
            if (random.NextDouble() >= 0.2) continue;
            Same(total, byValue, await query.TotalAsync(account.Account.Id, q.Meter, q.From, q.To, q.BreakdownBy, CancellationToken.None, q.Filter), what);
        }
        return asked.Count;
    }

    public static async Task<int> SeriesMatchAsync(IUsageQuery query, WorldAccount account, SeriesGrain grain, TimeZoneInfo zone,
        DateTimeOffset from, DateTimeOffset to)
    {
        var oracle = account.Oracle;
        var compared = 0;
        var all = await query.ReadAsync(account.Account.Id,
            new UsageReadBatch([], [.. OracleMeters.Keys.Select(m => new SeriesQuery(m, grain, zone, from, to))]), CancellationToken.None);
        foreach (var (meter, points) in OracleMeters.Keys.Zip(all.Series))
        {
            Assert.Equal(from, points[0].Start);
            Assert.Equal(to, points[^1].End);
            for (var i = 0; i < points.Count; i++)
            {
                if (i > 0) Assert.Equal(points[i - 1].End, points[i].Start);
                var expected = oracle.Total(meter, points[i].Start, points[i].End, levelInclusive: false).Total;
                Assert.True((double)expected == points[i].Value,
                    $"{account.Zone} {meter} {grain} point {points[i].Start:O}..{points[i].End:O}: expected {expected}, got {points[i].Value}");
                compared++;
            }
        }
        return compared;
    }

    public static async Task<int> CurrentPeriodMatchesAsync(IUsageQuery query, WorldAccount account, DateTimeOffset now)
    {
        var current = await query.CurrentPeriodAsync(account.Account.Id, CancellationToken.None);
        var expectedCurrent = OraclePeriods.Between(account.AnchorDay, account.Zone, now, now).Single(p => p.Start <= now && now < p.End);
        Assert.Equal(expectedCurrent, (current.Start, current.End));
        SameMeters(account.Oracle.Period(current.Start, current.End), current.Meters, $"{account.Zone} current period {current.Start:O}");
        return OracleMeters.Keys.Length;
    }

    public static async Task<int> PeriodsMatchAsync(IUsageQuery query, WorldAccount account, DateTimeOffset now)
    {
        var oracle = account.Oracle;
        await CurrentPeriodMatchesAsync(query, account, now);
        var closed = await query.ClosedPeriodsAsync(account.Account.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.Equal(account.ExpectedClosedPeriods(now), [.. closed.Select(p => (p.Start, p.End))]);
        foreach (var period in closed)
            SameMeters(oracle.Period(period.Start, period.End), period.Meters, $"{account.Zone} closed period {period.Start:O}");
        return (closed.Count + 1) * OracleMeters.Keys.Length;
    }

    private static void Same(decimal total, Dictionary<string, decimal> byValue, UsageTotals actual, string what)
    {
        Assert.True((double)total == actual.Total, $"{what}: expected {total}, got {actual.Total}");
        var expected = byValue.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={(double)v.Value}");
        var got = actual.ByDimension.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}");
        Assert.True(expected.SequenceEqual(got), $"{what}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", got)}]");
    }

    private static void SameMeters(Dictionary<string, decimal> expected, IReadOnlyDictionary<string, double> actual, string what)
    {
        foreach (var (meter, value) in expected)
            Assert.True(actual.TryGetValue(meter, out var got) && got == (double)value, $"{what} {meter}: expected {value}, got {got}");
    }
}
