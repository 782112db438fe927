using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Periods;

/// <summary>
/// PartitionKey: the account. RowKey <c>current</c> holds the open period's counters (one point read);
/// <c>closed~{yyyyMMddHHmm}</c> (UTC start) one archived period each, so closed periods are one RowKey range.
/// <see cref="Meters"/> is a JSON object of exact decimal figures: one property instead of one per meter keeps far
/// from the 252-property limit however many meters are configured.
/// </summary>
public sealed class PeriodEntity : ITableEntity
{
    public const string CurrentRow = "current";
    public const string ClosedPrefix = "closed";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    public DateTimeOffset AsOf { get; set; }
    public string Meters { get; set; } = "{}";

    /// <summary>
    /// True when a roll-up run wrote the counters under its lease, right after writing its hours (<see cref="AsOf"/> is
    /// then the run's start): every hour row written before this row is in the counters, every later one is not.
    /// Entitlement checks rely on that (<see cref="EntitlementFigure"/>); counters the period timer opened are not.
    /// </summary>
    public bool ByRollup { get; set; }

    public static string Partition(string accountId) => StorageKeys.Escape(accountId);

    public static string ClosedRow(DateTimeOffset start) =>
        StorageKeys.Join(ClosedPrefix, start.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture));

    public Dictionary<string, decimal> ReadMeters() => JsonSerializer.Deserialize<Dictionary<string, decimal>>(Meters) ?? [];

    public static string WriteMeters(IReadOnlyDictionary<string, decimal> meters) => JsonSerializer.Serialize(meters);
}
