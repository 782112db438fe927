using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Events;

/// <summary>
/// Raw events: PartitionKey <c>{account}~{yyyyMMddHH}~{shard}</c> (UTC hour the event counts in), RowKey the
/// 128-bit hash of (source, id). The hour keeps a roll-up's read to a handful of partitions; the shard, taken from
/// the event's source, spreads a busy account's producers over several partitions while a batch from one producer
/// stays one entity-group transaction; the identity RowKey makes redelivery a conflict, not a second row (a
/// redelivered event has the same source, so it lands in the same partition).
/// </summary>
public static class RawEventKeys
{
    public const string HourFormat = "yyyyMMddHH";

    public static string Partition(string accountId, DateTimeOffset occurredAt, int shard) =>
        StorageKeys.Join(HourPrefix(accountId, occurredAt), shard.ToString("D2", CultureInfo.InvariantCulture));

    public static string HourPrefix(string accountId, DateTimeOffset occurredAt) =>
        StorageKeys.Join(accountId, HourKey(occurredAt));

    public static string HourKey(DateTimeOffset instant) => instant.UtcDateTime.ToString(HourFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseHour(string hourKey) =>
        new(DateTime.ParseExact(hourKey, HourFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    public static DateTimeOffset HourStart(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>
    /// The shard of every event from <paramref name="source"/>, a pure function of it (a redelivery lands where its first
    /// copy did). Sources that end in an instance number (<c>/calls/worker-0</c>, <c>…-1</c>, …) take consecutive shards
    /// from an offset hashed from the rest of the name, so N numbered producers of one kind spread over N shards instead of
    /// colliding by chance; any other source is placed by a hash of the whole name.
    /// </summary>
    public static int ShardOf(string source, int shards)
    {
        var count = (uint)Math.Max(1, shards);
        var digits = 0;
        while (digits < source.Length && digits < 9 && char.IsAsciiDigit(source[^(digits + 1)])) digits++;
        if (digits == 0) return (int)(Hash(source) % count);
        var number = uint.Parse(source.AsSpan(source.Length - digits), CultureInfo.InvariantCulture);
        return (int)((Hash(source[..^digits]) % count + number % count) % count);
    }

    /// <summary>The shard a plain hash of the whole source gives: the layout before numbered sources were spread.</summary>
    public static int HashedShardOf(string source, int shards) => (int)(Hash(source) % (uint)Math.Max(1, shards));

    private static uint Hash(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }
}
