using UsageFunctions.Domain.Accounts;

namespace UsageFunctions.Domain.Alerts;

/// <summary>
/// Where an account's alerts are sent. Each endpoint has its own signing secrets: the newest, and older ones that stay
/// valid until their grace ends, so a receiver can switch over; every message is signed with all valid ones.
/// </summary>
public sealed record AlertEndpoint(
    string Id,
    string Url,
    string Description,
    bool Enabled,
    IReadOnlyList<WebhookSecret> Secrets,
    DateTimeOffset CreatedAt,
    string? DisabledReason)
{
    public IEnumerable<string> SigningSecretsAt(DateTimeOffset now) =>
        Secrets.Where(s => s.IsValidAt(now)).OrderByDescending(s => s.CreatedAt).Select(s => s.Secret);
}
