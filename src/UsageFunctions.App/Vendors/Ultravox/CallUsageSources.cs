using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Calls;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Vendors.Ultravox;

/// <summary>Fills a <see cref="CallUsageTally"/> from the roll-up aggregates or, for per-call filters, from call digests.</summary>
public static class CallUsageSources
{
    private static readonly string[] Meters =
        [MeterKeys.Calls, MeterKeys.ErrorCalls, MeterKeys.CallSeconds, MeterKeys.JoinedCalls, MeterKeys.BilledSeconds];

    /// <summary>
    /// Per-call filters, from the roll-up's call digests (<see cref="CallDigestReader"/>: a few requests whatever the range
    /// holds); a filter on a call's text (metadata, search) reads the digests that carry it, without the calls' ids and
    /// summaries unless it searches them. Each hour's matching calls are
    /// summed in <see cref="DigestCall.CanonicalOrder"/> as they arrive, and the hours are added oldest first, so every
    /// source answers the same figures to the last bit. No call outlives its hour's sums.
    /// </summary>
    public static async Task ReadCallsAsync(CallDigestReader digests, string accountId, CallFilters filters, CallUsageTally tally,
        CancellationToken cancellationToken)
    {
        if (tally.Windows.From >= tally.Windows.To) return;
        var family = filters.NeedsText ? CallDigestFamily.Text : CallDigestFamily.Figures;
        var hours = new SortedDictionary<DateTimeOffset, HourSums>();
        await digests.ReadAsync(accountId, tally.Windows.From, tally.Windows.To, family, (hour, calls) =>
        {
            var sums = new HourSums();
            foreach (var call in calls)
                if (filters.Matches(call)) sums.Add(call);
            if (sums.All.Total > 0) hours[hour] = sums;
        }, cancellationToken, ids: filters.Search is not null);
        foreach (var (hour, sums) in hours) tally.AddHour(hour, sums.All, sums.ByAgent);
    }

    /// <summary>One hour's matching calls summed in the order they are added: all, and each agent's.</summary>
    private sealed class HourSums
    {
        public CallCounts All { get; private set; } = CallCounts.Zero;

        public Dictionary<string, CallCounts> ByAgent { get; } = new(StringComparer.Ordinal);

        public void Add(DigestCall call)
        {
            var counts = CallCounts.Of(call);
            All = All.Plus(counts);
            if (call.AgentId is { Length: > 0 } agent) ByAgent[agent] = ByAgent.GetValueOrDefault(agent, CallCounts.Zero).Plus(counts);
        }
    }

    /// <summary>Unfiltered, or filtered by agents or by voice (aggregates are kept per single dimension).</summary>
    public static async Task ReadAggregatesAsync(IUsageQuery usage, string accountId, CallFilters filters, CallUsageTally tally,
        CancellationToken cancellationToken)
    {
        var w = tally.Windows;
        if (w.From >= w.To) return;
        var filter = await StoredIdsAsync(usage, accountId, filters, w.From, w.To, cancellationToken);
        var read = await usage.ReadAsync(accountId, new UsageReadBatch(
            [.. Meters.Select(m => new TotalQuery(m, w.From, w.To, null, filter))],
            [
                .. Meters.Select(m => new SeriesQuery(m, SeriesGrain.Day, TimeZoneInfo.Utc, w.DaysFrom, w.To, filter)),
                .. Meters.Select(m => new SeriesQuery(m, SeriesGrain.Hour, TimeZoneInfo.Utc, w.HoursFrom, w.To, filter)),
            ]), cancellationToken);
        for (var i = 0; i < Meters.Length; i++)
        {
            Merge(tally.Days, i, read.Series[i], CallUsageTally.DayOf);
            Merge(tally.Hours, i, read.Series[Meters.Length + i], CallUsageTally.HourOf);
        }
        tally.SetAll(Counts(i => read.Totals[i].Total));
    }

    /// <summary>
    /// Each agent's calls per UTC day of the daily window, from the aggregates' agent breakdown: unfiltered or filtered by
    /// agents (a voice filter would need two dimensions at once, so it is answered from raw calls).
    /// </summary>
    public static async Task ReadAgentAggregatesAsync(IUsageQuery usage, string accountId, CallFilters filters, CallUsageTally tally,
        CancellationToken cancellationToken)
    {
        var w = tally.Windows;
        if (w.DaysFrom >= w.To) return;
        var filter = await StoredIdsAsync(usage, accountId, filters, w.DaysFrom, w.To, cancellationToken);
        var days = new List<(DateTimeOffset Day, DateTimeOffset From, DateTimeOffset To)>();
        for (var day = CallUsageTally.DayOf(w.DaysFrom); day < w.To; day = day.AddDays(1))
            days.Add((day, day < w.DaysFrom ? w.DaysFrom : day, day.AddDays(1) > w.To ? w.To : day.AddDays(1)));
        var read = await usage.ReadAsync(accountId, UsageReadBatch.Of(
            [.. days.SelectMany(d => Meters.Select(m => new TotalQuery(m, d.From, d.To, Dimensions.Agent, filter)))]), cancellationToken);
        for (var d = 0; d < days.Count; d++)
        {
            for (var i = 0; i < Meters.Length; i++)
            {
                var meter = i;
                foreach (var (agent, value) in read.Totals[d * Meters.Length + i].ByDimension)
                {
                    if (agent.Length == 0 || value == 0) continue;
                    tally.AddAgentDay(agent, days[d].Day, Counts(m => m == meter ? value : 0));
                }
            }
        }
    }

    /// <summary>
    /// The aggregate filter for the agents (else the voice) asked for: the ids as given and, when one is a UUID, the ids
    /// in [from, to) that <see cref="UltravoxIds"/> presents as it. Only then is the dimension read twice.
    /// </summary>
    private static async Task<DimensionFilter?> StoredIdsAsync(IUsageQuery usage, string accountId, CallFilters filters,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (filters.AgentIds.Count > 0) return await StoredAsync(Dimensions.Agent, filters.AgentIds, filters.IncludesAgent);
        if (filters.VoiceId is { } voice)
            return await StoredAsync(Dimensions.Voice, new HashSet<string>([voice], StringComparer.Ordinal), filters.IncludesVoice);
        return null;

        async Task<DimensionFilter> StoredAsync(string dimension, IReadOnlySet<string> given, Func<string?, bool> includes)
        {
            if (!given.Any(UltravoxIds.IsUuid)) return new DimensionFilter(dimension, given);
            var seen = (await usage.ReadAsync(accountId, UsageReadBatch.Of(new TotalQuery(MeterKeys.Calls, from, to, dimension)),
                cancellationToken)).Totals[0].ByDimension.Keys;
            return new DimensionFilter(dimension,
                new HashSet<string>(given.Concat(seen.Where(id => id != UsageTotals.Unassigned && includes(id))), StringComparer.Ordinal));
        }
    }

    private static void Merge(Dictionary<DateTimeOffset, CallCounts> buckets, int meter, IReadOnlyList<SeriesPoint> points,
        Func<DateTimeOffset, DateTimeOffset> bucketOf)
    {
        foreach (var point in points.Where(p => p.Value != 0))
            CallUsageTally.AddTo(buckets, bucketOf(point.Start), Counts(i => i == meter ? point.Value : 0));
    }

    private static CallCounts Counts(Func<int, double> value) =>
        new((long)value(0), (long)value(1), value(2), (long)value(3), value(4));
}
