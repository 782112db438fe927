using System.Globalization;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Alerts;

/// <summary>Keys of the outbox and of the due markers.</summary>
public static class AlertDueKeys
{
    public const int Shards = 4;

    public static string Partition(string accountId, DateTimeOffset due)
    {
        var shard = accountId.Aggregate(17u, (hash, c) => unchecked(hash * 31 + c)) % Shards;
        return StorageKeys.Join(Minute(due), shard.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The exclusive upper bound of every due partition up to and including the minute of <paramref name="now"/>.</summary>
    public static string UpTo(DateTimeOffset now) => Minute(now.AddMinutes(1));

    public static string DeliveryRow(string endpointId, string messageId) => StorageKeys.Join(AlertDeliveryEntity.Prefix, endpointId, messageId);

    public static string FiredRow(string ruleId, DateTimeOffset windowStart) => StorageKeys.Join(AlertFiredEntity.Prefix, ruleId, Minute(windowStart));

    private static string Minute(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
}
