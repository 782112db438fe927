using System.Globalization;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Events;

/// <summary>
/// Raw events: PartitionKey <c>{account}~{yyyyMMddHH}~{shard}</c> (UTC hour the event counts in), RowKey the
/// 128-bit hash of (source, id). The hour keeps a roll-up's read to a handful of partitions; the shard, taken from
/// the identity hash, spreads one busy account's writes; the identity RowKey makes redelivery a conflict, not a
/// second row.
/// </summary>
public static class RawEventKeys
{
    public const string HourFormat = "yyyyMMddHH";

    public static string Partition(string accountId, DateTimeOffset occurredAt, string identityHash, int shards) =>
        StorageKeys.Join(HourPrefix(accountId, occurredAt), ShardOf(identityHash, shards).ToString("D2", CultureInfo.InvariantCulture));

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

    public static int ShardOf(string identityHash, int shards) =>
        int.Parse(identityHash.AsSpan(0, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % shards;
}
