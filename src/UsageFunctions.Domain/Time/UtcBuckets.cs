namespace UsageFunctions.Domain.Time;

public enum BucketGrain
{
    Hour,
    Day,
    Month,
}

/// <summary>A whole UTC hour, day or month starting at <see cref="Start"/>.</summary>
public readonly record struct UtcBucket(BucketGrain Grain, DateTimeOffset Start)
{
    public DateTimeOffset End => Grain switch
    {
        BucketGrain.Hour => Start.AddHours(1),
        BucketGrain.Day => Start.AddDays(1),
        _ => Start.AddMonths(1),
    };
}

/// <summary>
/// Splits [from, to) into the fewest whole UTC months, days and hours, plus at most two partial edges that are not
/// whole hours (windows in :30/:45 zones, or arbitrary instants): those are counted from raw events.
/// </summary>
public sealed record UtcDecomposition(IReadOnlyList<UtcBucket> Buckets, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Edges)
{
    public static UtcDecomposition Of(DateTimeOffset from, DateTimeOffset to)
    {
        var buckets = new List<UtcBucket>();
        var edges = new List<(DateTimeOffset, DateTimeOffset)>();
        if (to <= from) return new(buckets, edges);
        var hourFrom = Ceiling(from, BucketGrain.Hour);
        var hourTo = Floor(to, BucketGrain.Hour);
        if (hourFrom >= hourTo)
        {
            edges.Add((from, to));
            return new(buckets, edges);
        }
        if (from < hourFrom) edges.Add((from, hourFrom));
        if (hourTo < to) edges.Add((hourTo, to));
        Split(hourFrom, hourTo, BucketGrain.Day, buckets);
        return new(buckets, edges);
    }

    /// <summary>[from, to) is aligned to <paramref name="finer"/>: whole <paramref name="grain"/> buckets inside, finer ones at the sides.</summary>
    private static void Split(DateTimeOffset from, DateTimeOffset to, BucketGrain grain, List<UtcBucket> buckets)
    {
        var finer = grain == BucketGrain.Month ? BucketGrain.Day : BucketGrain.Hour;
        var innerFrom = Ceiling(from, grain);
        var innerTo = Floor(to, grain);
        if (innerFrom >= innerTo)
        {
            Fill(from, to, finer, buckets);
            return;
        }
        Fill(from, innerFrom, finer, buckets);
        if (grain == BucketGrain.Day) Split(innerFrom, innerTo, BucketGrain.Month, buckets);
        else Fill(innerFrom, innerTo, grain, buckets);
        Fill(innerTo, to, finer, buckets);
    }

    private static void Fill(DateTimeOffset from, DateTimeOffset to, BucketGrain grain, List<UtcBucket> buckets)
    {
        for (var start = from; start < to; start = new UtcBucket(grain, start).End) buckets.Add(new UtcBucket(grain, start));
    }

    public static DateTimeOffset Floor(DateTimeOffset instant, BucketGrain grain)
    {
        var u = instant.UtcDateTime;
        return grain switch
        {
            BucketGrain.Hour => new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero),
            BucketGrain.Day => new DateTimeOffset(u.Year, u.Month, u.Day, 0, 0, 0, TimeSpan.Zero),
            _ => new DateTimeOffset(u.Year, u.Month, 1, 0, 0, 0, TimeSpan.Zero),
        };
    }

    public static DateTimeOffset Ceiling(DateTimeOffset instant, BucketGrain grain)
    {
        var floor = Floor(instant, grain);
        return floor == instant ? floor : new UtcBucket(grain, floor).End;
    }
}
