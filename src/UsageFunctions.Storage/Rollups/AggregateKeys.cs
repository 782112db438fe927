using System.Globalization;
using System.Text;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Rollups;

/// <summary>
/// PartitionKey <c>{account}~h~{yyyyMMdd}</c> (hours of one UTC day), <c>{account}~d~{yyyyMM}</c> (days of one month),
/// <c>{account}~m~{yyyy}</c> (months of one year). RowKey <c>{meter}~{dimension}~{value}~{bucket}</c>, the total under
/// dimension <c>_all</c>. One account-day is what a roll-up rewrites and what composes into a day, so it is one partition;
/// partitions change with the calendar, so no partition stays hot; a meter (or meter and dimension) is one RowKey range.
/// </summary>
public static class AggregateKeys
{
    public static string Partition(string accountId, UtcBucket bucket) => bucket.Grain switch
    {
        BucketGrain.Hour => StorageKeys.Join(Part(accountId), "h", Format(bucket.Start, "yyyyMMdd")),
        BucketGrain.Day => StorageKeys.Join(Part(accountId), "d", Format(bucket.Start, "yyyyMM")),
        _ => StorageKeys.Join(Part(accountId), "m", Format(bucket.Start, "yyyy")),
    };

    /// <summary>The bucket that holds the buckets of <paramref name="bucket"/>'s partition (the day of an hour, and so on).</summary>
    public static UtcBucket Container(UtcBucket bucket) => bucket.Grain switch
    {
        BucketGrain.Hour => new(BucketGrain.Day, UtcDecomposition.Floor(bucket.Start, BucketGrain.Day)),
        BucketGrain.Day => new(BucketGrain.Month, UtcDecomposition.Floor(bucket.Start, BucketGrain.Month)),
        _ => new(BucketGrain.Month, new DateTimeOffset(bucket.Start.Year, 1, 1, 0, 0, 0, TimeSpan.Zero)),
    };

    public static string BucketKey(UtcBucket bucket) => Format(bucket.Start, BucketFormat(bucket.Grain));

    public static DateTimeOffset ParseBucket(BucketGrain grain, string key) => DateTimeOffset.ParseExact(key, BucketFormat(grain),
        CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string BucketFormat(BucketGrain grain) => grain switch
    {
        BucketGrain.Hour => "yyyyMMddHH",
        BucketGrain.Day => "yyyyMMdd",
        _ => "yyyyMM",
    };

    /// <summary>An absent value is written as a lone '%', which escaping never produces, so no key part is empty.</summary>
    public static string Row(CellKey key, UtcBucket bucket) =>
        StorageKeys.Join(Part(key.Meter), Part(key.Dimension), key.Value.Length == 0 ? "%" : Part(key.Value), BucketKey(bucket));

    /// <summary>The RowKey prefix of a meter, or of one dimension of a meter.</summary>
    public static string RowPrefix(string meter, string? dimension = null) =>
        dimension is null ? Part(meter) : StorageKeys.Join(Part(meter), Part(dimension));

    /// <summary>
    /// <see cref="StorageKeys.Escape"/> plus every non-ASCII character as %XX, so every key character sorts below the
    /// separator's range end and a prefix range (<see cref="StorageKeys.PrefixEnd"/>) holds exactly that prefix's rows.
    /// </summary>
    public static string Part(string value)
    {
        var escaped = StorageKeys.Escape(value);
        if (escaped.All(c => c < 0x7F)) return escaped;
        var builder = new StringBuilder(escaped.Length + 8);
        foreach (var rune in escaped.EnumerateRunes())
        {
            if (rune.Value < 0x7F) builder.Append((char)rune.Value);
            else foreach (var b in Encoding.UTF8.GetBytes(rune.ToString())) builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private static string Format(DateTimeOffset instant, string format) => instant.UtcDateTime.ToString(format, CultureInfo.InvariantCulture);
}
