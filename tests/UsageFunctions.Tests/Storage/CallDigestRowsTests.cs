using UsageFunctions.Storage.Calls;

namespace UsageFunctions.Tests.Storage;

public sealed class CallDigestRowsTests
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ABusyHourSpreadsOverRowsAndPropertiesTheServiceAcceptsAndDecodesToTheSameCalls()
    {
        var random = new Random(5);
        var calls = Enumerable.Range(0, 12_000).Select(i => new DigestCall(
            Hour.AddTicks(random.NextInt64(-TimeSpan.TicksPerHour, TimeSpan.TicksPerHour)),
            random.Next(8) == 0 ? null : $"agent-{random.Next(3_000)}-{new string('x', random.Next(40))}",
            random.Next(5) == 0 ? null : $"voice \"{random.Next(7)}\" é",
            random.NextDouble() * 3_600, random.Next(3) == 0 ? null : Math.Round(random.NextDouble() * 100, random.Next(8)),
            random.Next(2) == 0, random.Next(2) == 0)).ToList();

        var rows = CallDigestRows.Encode("acct~d~202611", Hour, calls);

        Assert.True(rows.Count > 2, $"{rows.Count} rows");
        Assert.Equal(rows.Count, rows.Select(r => r.RowKey).Distinct().Count());
        Assert.All(rows, row =>
        {
            Assert.StartsWith(CallDigestRows.HourKey(Hour), row.RowKey, StringComparison.Ordinal);
            var pieces = row.Where(p => p.Key.StartsWith('D')).Select(p => (string)p.Value).ToList();
            Assert.All(pieces, piece => Assert.InRange(piece.Length, 1, 30_000));
            // An entity holds 1 MiB, strings counted as UTF-16.
            Assert.InRange(pieces.Sum(p => p.Length) * 2, 1, 1_000_000);
        });
        Assert.Equal(calls, rows.SelectMany(CallDigestRows.Decode));
        Assert.Equal(calls.Count, rows.Sum(r => r.GetInt32("Calls")));
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

        var rows = CallDigestRows.Encode("acct~d~202611", Hour, calls, CallDigestFamily.Text);

        Assert.True(rows.Count > 2, $"{rows.Count} rows");
        Assert.All(rows, row =>
        {
            Assert.StartsWith(CallDigestRows.HourKey(Hour, CallDigestFamily.Text), row.RowKey, StringComparison.Ordinal);
            Assert.True(CallDigestRows.IsText(row.RowKey) && !CallDigestRows.IsDigest(row.RowKey));
            Assert.Equal(Hour, CallDigestRows.HourOf(row.RowKey));
            var pieces = row.Where(p => p.Key.StartsWith('D')).Select(p => (string)p.Value).ToList();
            Assert.All(pieces, piece => Assert.InRange(piece.Length, 1, 30_000));
            Assert.InRange(pieces.Sum(p => p.Length) * 2, 1, 1_000_000);
        });
        var decoded = rows.SelectMany(CallDigestRows.Decode).ToList();
        Assert.Equal(calls.Select(c => c with { Text = null }), decoded.Select(c => c with { Text = null }));
        Assert.All(calls.Zip(decoded), pair =>
        {
            Assert.Equal(pair.First.Text!.CallId, pair.Second.Text!.CallId);
            Assert.Equal(pair.First.Text.Summary, pair.Second.Text.Summary);
            Assert.Equal(pair.First.Text.Metadata.OrderBy(m => m.Key), pair.Second.Text.Metadata.OrderBy(m => m.Key));
        });
        // The figures family of the same calls carries no text.
        Assert.All(CallDigestRows.Encode("acct~d~202611", Hour, calls).SelectMany(CallDigestRows.Decode), c => Assert.Null(c.Text));
    }

    [Fact]
    public void ATextRowStoresEachDistinctMetadataOnceAndEveryCallDecodesWithItsOwn()
    {
        var calls = Enumerable.Range(0, 100).Select(i => new DigestCall(Hour.AddSeconds(i), null, null, 1, null, false, true,
            new CallText($"c{i}", null, new Dictionary<string, string> { ["campaign"] = i % 10 == 0 ? "fall" : "spring" }))).ToList();

        var row = Assert.Single(CallDigestRows.Encode("acct~d~202611", Hour, calls, CallDigestFamily.Text));

        var json = string.Concat(row.Where(p => p.Key.StartsWith('D')).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (string)p.Value));
        Assert.Equal(2, json.Split("\"campaign\"").Length - 1);
        Assert.Equal(calls.Select(c => c.Text!.Metadata["campaign"]), CallDigestRows.Decode(row).Select(c => c.Text!.Metadata["campaign"]));
    }

    [Fact]
    public void AnHourWithoutCallsHasNoRowsAndHourKeysBoundExactlyOneHour()
    {
        Assert.Empty(CallDigestRows.Encode("acct~d~202611", Hour, []));
        var key = CallDigestRows.Encode("acct~d~202611", Hour, [new DigestCall(Hour, null, null, 0, null, false, false)])[0].RowKey;
        Assert.True(string.CompareOrdinal(key, CallDigestRows.HourKey(Hour)) >= 0);
        Assert.True(string.CompareOrdinal(key, CallDigestRows.HourKey(Hour.AddHours(1))) < 0);
        Assert.True(string.CompareOrdinal(key, "zzzz~_all~%~2026112009") > 0, "digests sort after every aggregate row");
        Assert.Equal(Hour, CallDigestRows.HourOf(key));
        Assert.True(string.CompareOrdinal(CallDigestRows.HourKey(Hour, CallDigestFamily.Text), "zzzz~_all~%~2026112009") > 0);
    }
}
