using Azure;
using Azure.Data.Tables;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Accounts;

/// <summary>
/// The Accounts table keeps each account in its own partition (PartitionKey = account id): RowKey <c>profile</c>
/// for the account, <c>number~{id}</c>, <c>agent~{id}</c>, <c>voice~{id}</c> and <c>whsec~{id}</c> for what belongs
/// to it, so one partition query returns everything about an account. Every account also has a copy of its profile in
/// the index partition <see cref="IndexPartition"/> (RowKey = account id), so listing accounts reads one partition;
/// account ids never hold '~', so no account's partition is an index partition.
/// </summary>
internal static class AccountRows
{
    public const string Profile = "profile";
    public const string Number = "number";
    public const string Agent = "agent";
    public const string Voice = "voice";
    public const string Secret = "whsec";
    public const string IndexPartition = "accounts~index";

    public static string Key(string kind, string id) => StorageKeys.Join(kind, StorageKeys.Escape(id));

    public static string IdOf(string rowKey) => StorageKeys.Unescape(rowKey[(rowKey.IndexOf(StorageKeys.Separator) + 1)..]);

    public static string KindOf(string rowKey)
    {
        var split = rowKey.IndexOf(StorageKeys.Separator);
        return split < 0 ? rowKey : rowKey[..split];
    }
}

public sealed class AccountEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = AccountRows.Profile;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Name { get; set; } = "";
    public string Plan { get; set; } = "";
    public int BillingAnchorDay { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public DateTimeOffset CreatedAt { get; set; }

    public static AccountEntity From(Account a) => new()
    {
        PartitionKey = a.Id, Name = a.Name, Plan = a.Plan, BillingAnchorDay = a.BillingAnchorDay,
        TimeZone = a.TimeZone, CreatedAt = a.CreatedAt,
    };

    /// <summary>The account's row in the index partition: a copy of the profile, which never changes once created.</summary>
    public static AccountEntity IndexFrom(Account a)
    {
        var row = From(a);
        row.PartitionKey = AccountRows.IndexPartition;
        row.RowKey = a.Id;
        return row;
    }

    public Account ToAccount() => new(RowKey == AccountRows.Profile ? PartitionKey : RowKey, Name, Plan, BillingAnchorDay, TimeZone, CreatedAt);
}

internal static class ResourceRows
{
    public static TableEntity From(string accountId, PhoneNumber n) => new(accountId, AccountRows.Key(AccountRows.Number, n.Id))
    {
        ["Number"] = n.Number, ["Country"] = n.Country, ["Status"] = n.Status, ["AgentId"] = n.AgentId,
    };

    public static TableEntity From(string accountId, Agent a) => new(accountId, AccountRows.Key(AccountRows.Agent, a.Id)) { ["Name"] = a.Name };

    public static TableEntity From(string accountId, Voice v) => new(accountId, AccountRows.Key(AccountRows.Voice, v.Id)) { ["Name"] = v.Name };

    public static TableEntity From(string accountId, WebhookSecret s) => new(accountId, AccountRows.Key(AccountRows.Secret, s.Id))
    {
        ["Secret"] = s.Secret, ["CreatedAt"] = s.CreatedAt, ["ExpiresAt"] = s.ExpiresAt,
    };

    public static PhoneNumber ToNumber(TableEntity e) => new(AccountRows.IdOf(e.RowKey), e.GetString("Number") ?? "",
        e.GetString("Country") ?? "", e.GetString("Status") ?? "", e.GetString("AgentId"));

    public static Agent ToAgent(TableEntity e) => new(AccountRows.IdOf(e.RowKey), e.GetString("Name") ?? "");

    public static Voice ToVoice(TableEntity e) => new(AccountRows.IdOf(e.RowKey), e.GetString("Name") ?? "");

    public static WebhookSecret ToSecret(TableEntity e) => new(AccountRows.IdOf(e.RowKey), e.GetString("Secret") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("ExpiresAt"));
}
