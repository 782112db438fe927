using UsageFunctions.Domain.Time;

namespace UsageFunctions.Storage.Rollups;

/// <summary>
/// A window's decomposition that does not depend on the roll-up having run: every aggregate bucket that contains a
/// pending hour (see <see cref="Usage.Pending"/>) is split into finer buckets, and each pending hour itself becomes a
/// whole-hour edge, counted from raw events. With no pending hours it is <see cref="UtcDecomposition.Of"/> unchanged.
/// </summary>
public static class ExactDecomposition
{
    public static UtcDecomposition Of(DateTimeOffset from, DateTimeOffset to, IReadOnlySet<DateTimeOffset> pending)
    {
        var plain = UtcDecomposition.Of(from, to);
        if (pending.Count == 0 || !pending.Any(h => h >= from.AddHours(-1) && h < to)) return plain;
        var buckets = new List<UtcBucket>();
        var edges = new List<(DateTimeOffset From, DateTimeOffset To)>(plain.Edges);
        foreach (var bucket in plain.Buckets) Refine(bucket, pending, buckets, edges);
        return new UtcDecomposition(buckets, edges);
    }

    private static void Refine(UtcBucket bucket, IReadOnlySet<DateTimeOffset> pending, List<UtcBucket> buckets,
        List<(DateTimeOffset, DateTimeOffset)> edges)
    {
        if (!pending.Any(h => h >= bucket.Start && h < bucket.End))
        {
            buckets.Add(bucket);
            return;
        }
        if (bucket.Grain == BucketGrain.Hour)
        {
            edges.Add((bucket.Start, bucket.End));
            return;
        }
        var finer = bucket.Grain == BucketGrain.Month ? BucketGrain.Day : BucketGrain.Hour;
        for (var start = bucket.Start; start < bucket.End; start = new UtcBucket(finer, start).End)
            Refine(new UtcBucket(finer, start), pending, buckets, edges);
    }
}
