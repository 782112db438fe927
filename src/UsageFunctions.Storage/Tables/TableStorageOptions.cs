using System.ComponentModel.DataAnnotations;

namespace UsageFunctions.Storage.Tables;

/// <summary>
/// Where the product's tables live. In Azure a table endpoint reached with a managed identity
/// (<see cref="ManagedIdentityClientId"/> picks a user-assigned one); when no endpoint is set, a connection string
/// (Azurite locally).
/// </summary>
public sealed class TableStorageOptions
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prepended to every table name, so several deployments or test classes can share one account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$|^$")]
    public string TablePrefix { get; set; } = "";

    /// <summary>
    /// Raw-event partitions per account hour, chosen by the event's source: an account's producers spread over up to this
    /// many partitions (about 2,000 entities/s each on Azure), one producer's batch stays one transaction. Changing it
    /// moves where a source's events land, so a redelivery in the hour of the change may be stored again.
    /// </summary>
    [Range(1, 64)]
    public int RawEventShards { get; set; } = 4;

    /// <summary>
    /// How long one try of a table request may wait for its answer. Storage that accepts connections and then stalls is
    /// found out after this long; an HTTP request's own deadline (see <see cref="StorageDeadline"/>) cuts it shorter, so
    /// this bounds the timers' calls, which may read large pages from a busy service.
    /// </summary>
    [Range(1, 120)]
    public int NetworkTimeoutSeconds { get; set; } = 20;

    /// <summary>Further tries of a failed or timed-out table request (with a short back-off), inside the request's deadline.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// Events counting before this instant keep the shard a plain hash of their source gave them (the layout before
    /// numbered sources were spread, see <see cref="Events.RawEventKeys.ShardOf"/>), so their redeliveries still meet
    /// them. A deployment that stored events before upgrading sets it to the upgrade time; none: every hour spreads.
    /// </summary>
    public DateTimeOffset? RawEventShardSpreadFrom { get; set; }

    public bool UsesManagedIdentity => TableServiceUri is not null;
}
