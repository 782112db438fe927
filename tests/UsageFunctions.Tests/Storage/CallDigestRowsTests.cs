using System.Text;
using Azure.Data.Tables;
using UsageFunctions.Storage.Calls;

namespace UsageFunctions.Tests.Storage;

public sealed class CallDigestRowsTests
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private const int EveryHour = (1 << 24) - 1;

    /// <summary>Figures the binary form writes in thousandths, in 8 bytes, or not at all (billed = duration), and their edges.</summary>
    private static readonly double[] Awkward = [0, -0.0, 0.001, 0.1, 59.999999, 1e-9, 123456789.125, 1e13, double.Epsilon, 3_599.5];

    [Fact]
    public void ABusyHourSpreadsOverRowsAndPropertiesTheServiceAcceptsAndDecodesToTheSameCalls()
    {
        var random = new Random(5);
        var calls = Enumerable.Range(0, 12_000).Select(i => new DigestCall(
            Hour.AddTicks(random.NextInt64(-TimeSpan.TicksPerHour, TimeSpan.TicksPerHour)),
            random.Next(8) == 0 ? null : $"agent-{random.Next(3_000)}-{new string('x', random.Next(40))}",
            random.Next(5) == 0 ? null : $"voice \"{random.Next(7)}\" é",
            random.Next(3) == 0 ? Awkward[random.Next(Awkward.Length)] : random.NextDouble() * 3_600,
            random.Next(3) == 0 ? null : random.Next(4) == 0 ? Awkward[random.Next(Awkward.Length)] : Math.Round(random.NextDouble() * 100, random.Next(8)),
            random.Next(2) == 0, random.Next(2) == 0)).Select(c => random.Next(5) == 0 ? c with { SecondsBilled = c.DurationSeconds } : c).ToList();

        var rows = CallDigestRows.Encode("acct~d~202611", Day, calls, EveryHour);

        Assert.True(rows.Count > 2, $"{rows.Count} rows");
        Assert.Equal(rows.Count, rows.Select(r => r.RowKey).Distinct().Count());
        Assert.All(rows, row =>
        {
            Assert.StartsWith(CallDigestRows.DayKey(Day), row.RowKey, StringComparison.Ordinal);
            Assert.Equal(24, CallDigestRows.HoursOf(row).Count());
            var pieces = Pieces(row);
            Assert.All(pieces, piece => Assert.InRange(piece.Length, 1, 60_000));
            // An entity holds 1 MiB.
            Assert.InRange(pieces.Sum(p => p.Length), 1, 1_000_000);
        });
        // Every figure comes back to the bit (-0.0 included), the calls in canonical order.
        var decoded = rows.SelectMany(CallDigestRows.Decode).ToList();
        Assert.Equal(Canonical(calls), decoded);
        Assert.Equal(Canonical(calls).Select(Bits), decoded.Select(Bits));
        Assert.Equal(calls.Count, rows.Sum(r => r.GetInt32("Calls")));
    }

    [Fact]
    public void AnOrdinaryHourTakesAboutNineBytesACallAndDecodesInCanonicalOrder()
    {
        // As producers send them: whole or millisecond instants, durations in seconds or milliseconds, billed as long as the call.
        var random = new Random(3);
        var calls = Enumerable.Range(0, 350).Select(i => new DigestCall(Hour.AddMilliseconds(random.Next(3_600_000)), $"agent_{i % 3}", "voice_1",
            random.Next(2) == 0 ? random.Next(1, 900) : random.Next(1, 900_000) / 1000.0, null, i % 17 == 0, true))
            .Select(c => c with { SecondsBilled = c.Errored ? null : c.DurationSeconds }).ToList();

        var row = Assert.Single(CallDigestRows.Encode("acct~d~202611", Day, calls, EveryHour));

        Assert.InRange(Pieces(row).Sum(p => p.Length), 350 * 6, 350 * 10);
        var decoded = CallDigestRows.Decode(row);
        Assert.Equal(Canonical(calls), decoded);
        Assert.True(decoded.Zip(decoded.Skip(1)).All(p => DigestCall.CanonicalOrder(p.First, p.Second) <= 0));
    }

    [Fact]
    public void RowsWrittenAsJsonBeforeTheBinaryFormStillDecode()
    {
        var figures = new TableEntity("acct~d~202611", CallDigestRows.HourKey(Hour) + "000")
        {
            ["Calls"] = 2,
            ["D0"] = """{"a":["agent_1"],"v":["voice \"x\""],"c":[[600000000,60.5,60,2,0,0],""",
            ["D1"] = """[12,1.25,null,1,-1,-1]]}""",
        };
        var text = new TableEntity("acct~d~202611", CallDigestRows.HourKey(Hour, CallDigestFamily.Text) + "000")
        {
            ["Calls"] = 1,
            ["D0"] = """{"a":[],"v":[],"m":[{"campaign":"fall"}],"c":[[7,3,null,0,-1,-1,"call \"1\"","it \u00e9",0]]}""",
        };

        Assert.Equal(
            [new DigestCall(Hour.AddMinutes(1), "agent_1", "voice \"x\"", 60.5, 60, false, true), new DigestCall(Hour.AddTicks(12), null, null, 1.25, null, true, false)],
            CallDigestRows.Decode(figures));
        var call = Assert.Single(CallDigestRows.Decode(text));
        Assert.Equal((Hour.AddTicks(7), 3.0, "call \"1\"", "it é", "fall"), (call.CreatedAt, call.DurationSeconds, call.Text!.CallId, call.Text.Summary, call.Text.Metadata["campaign"]));
    }

    [Fact]
    public void TextDigestsCarryEachCallsIdSummaryAndMetadataWithinWhatAnEntityHolds()
    {
        var random = new Random(9);
        // Texts as long as a 16 KiB event allows, with quotes, escapes and characters JSON writes as \uXXXX.
        var calls = Enumerable.Range(0, 400).Select(i => new DigestCall(
            Hour.AddSeconds(i), $"agent-{i % 7}", null, i, i % 3 == 0 ? null : i / 2.0, false, true,
            new CallText($"call \"{i}\" \\ ü", random.Next(4) == 0 ? null : new string("aé\"<\n"[random.Next(5)], random.Next(6_000)),
                Enumerable.Range(0, random.Next(4)).ToDictionary(k => $"key{k}+", k => $"v\u0001{i}", StringComparer.Ordinal)))).ToList();

        var rows = CallDigestRows.Encode("acct~d~202611", Day, calls, EveryHour, CallDigestFamily.Text);

        Assert.True(rows.Count > 2, $"{rows.Count} rows");
        Assert.All(rows, row =>
        {
            Assert.StartsWith(CallDigestRows.DayKey(Day, CallDigestFamily.Text), row.RowKey, StringComparison.Ordinal);
            Assert.True(CallDigestRows.IsText(row.RowKey) && !CallDigestRows.IsDigest(row.RowKey));
            Assert.Equal(Day, CallDigestRows.DayOf(row.RowKey));
            var pieces = Pieces(row);
            var texts = Pieces(row, 'T');
            Assert.InRange(pieces.Count, 1, CallDigestRows.MaxPieces);
            Assert.All(pieces.Concat(texts), piece => Assert.InRange(piece.Length, 1, 60_000));
            Assert.InRange(pieces.Concat(texts).Sum(p => p.Length), 1, 1_000_000);
        });
        var decoded = rows.SelectMany(CallDigestRows.Decode).ToList();
        Assert.Equal(Canonical(calls).Select(c => c with { Text = null }), decoded.Select(c => c with { Text = null }));
        Assert.All(Canonical(calls).Zip(decoded), pair =>
        {
            Assert.Equal(pair.First.Text!.CallId, pair.Second.Text!.CallId);
            Assert.Equal(pair.First.Text.Summary, pair.Second.Text.Summary);
            Assert.Equal(pair.First.Text.Metadata.OrderBy(m => m.Key), pair.Second.Text.Metadata.OrderBy(m => m.Key));
        });
        // Read as a metadata filter reads them (the T pieces not selected): the same calls and metadata, no ids or summaries.
        var selected = CallDigestRows.MetadataOnly().ToHashSet();
        var metadataOnly = rows.Select(r => new TableEntity(r.Where(p => selected.Contains(p.Key) || p.Key is "PartitionKey" or "RowKey").ToDictionary()))
            .SelectMany(CallDigestRows.Decode).ToList();
        Assert.Equal(decoded.Select(c => c with { Text = null }), metadataOnly.Select(c => c with { Text = null }));
        Assert.All(decoded.Zip(metadataOnly), pair =>
        {
            Assert.Equal((null, null), (pair.Second.Text!.CallId, pair.Second.Text.Summary));
            Assert.Equal(pair.First.Text!.Metadata.OrderBy(m => m.Key), pair.Second.Text.Metadata.OrderBy(m => m.Key));
        });
        // The figures family of the same calls carries no text.
        Assert.All(CallDigestRows.Encode("acct~d~202611", Day, calls, EveryHour).SelectMany(CallDigestRows.Decode), c => Assert.Null(c.Text));
    }

    [Fact]
    public void ATextRowStoresEachDistinctMetadataOnceAndEveryCallDecodesWithItsOwn()
    {
        var calls = Enumerable.Range(0, 100).Select(i => new DigestCall(Hour.AddSeconds(i), null, null, 1, null, false, true,
            new CallText($"c{i}", null, new Dictionary<string, string> { ["campaign"] = i % 10 == 0 ? "fall" : "spring" }))).ToList();

        var row = Assert.Single(CallDigestRows.Encode("acct~d~202611", Day, calls, EveryHour, CallDigestFamily.Text));

        var bytes = Encoding.UTF8.GetString([.. Pieces(row).SelectMany(p => p)]);
        Assert.Equal(2, bytes.Split("campaign").Length - 1);
        Assert.Equal(calls.Select(c => c.Text!.Metadata["campaign"]), CallDigestRows.Decode(row).Select(c => c.Text!.Metadata["campaign"]));
    }

    [Fact]
    public void ADayWithoutCallsHasNoRowsAndDayKeysBoundExactlyOneDay()
    {
        Assert.Empty(CallDigestRows.Encode("acct~d~202611", Day, [], EveryHour));
        var row = CallDigestRows.Encode("acct~d~202611", Day, [new DigestCall(Hour, null, null, 0, null, false, false)], 1 << 9 | 1 << 23)[0];
        Assert.Equal([Hour, Day.AddHours(23)], CallDigestRows.HoursOf(row));
        var key = row.RowKey;
        Assert.True(string.CompareOrdinal(key, CallDigestRows.DayKey(Day)) >= 0);
        Assert.True(string.CompareOrdinal(key, CallDigestRows.DayKey(Day.AddDays(1))) < 0);
        Assert.Equal(Day, CallDigestRows.DayOf(key));
        Assert.Equal(Day, CallDigestRows.DayOfRow(key));
        Assert.Equal(Day, CallDigestRows.DayOfRow(CallDigestRows.HourKey(Hour) + "000"));
        foreach (var first in new[] { CallDigestRows.DayKey(Day), CallDigestRows.DayKey(Day, CallDigestFamily.Text), CallDigestRows.HourKey(Hour), CallDigestRows.HourKey(Hour, CallDigestFamily.Text) })
        {
            Assert.True(string.CompareOrdinal(first, "zzzz~_all~%~2026112009") > 0, "digests sort after every aggregate row");
            Assert.StartsWith(CallDigestRows.KeysFrom, first, StringComparison.Ordinal);
        }
        Assert.True(CallDigestRows.IsHourRow(CallDigestRows.HourKey(Hour, CallDigestFamily.Text) + "000") && !CallDigestRows.IsHourRow(key));
    }

    private static List<byte[]> Pieces(TableEntity row, char prefix = 'B') =>
        [.. row.Where(p => p.Key[0] == prefix && p.Key.Length > 1 && char.IsAsciiDigit(p.Key[1]))
            .OrderBy(p => int.Parse(p.Key[1..], System.Globalization.CultureInfo.InvariantCulture)).Select(p => (byte[])p.Value)];

    private static List<DigestCall> Canonical(IEnumerable<DigestCall> calls)
    {
        var sorted = calls.ToList();
        sorted.Sort(DigestCall.CanonicalOrder);
        return sorted;
    }

    private static (long, long, long?) Bits(DigestCall c) =>
        (c.CreatedAt.UtcTicks, BitConverter.DoubleToInt64Bits(c.DurationSeconds), c.SecondsBilled is { } b ? BitConverter.DoubleToInt64Bits(b) : null);
}
