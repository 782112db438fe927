namespace UsageFunctions.Domain.Accounts;

/// <summary>A webhook signing secret; during rotation several are valid until their expiry.</summary>
public sealed record WebhookSecret(string Id, string Secret, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    public bool IsValidAt(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
