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

    /// <summary>Raw-event partitions per account hour; more spreads a busy account's writes over more partitions.</summary>
    [Range(1, 64)]
    public int RawEventShards { get; set; } = 2;

    public bool UsesManagedIdentity => TableServiceUri is not null;
}
