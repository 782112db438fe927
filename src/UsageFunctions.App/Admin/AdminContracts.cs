namespace UsageFunctions.App.Admin;

public sealed record CreateAccountRequest(string? Name, string? Plan, int? BillingAnchorDay, string? TimeZone);

public sealed record AccountResponse(string Id, string Name, string Plan, int BillingAnchorDay, string TimeZone, DateTimeOffset CreatedAt);

public sealed record CreateKeyRequest(string? Name, IReadOnlyList<string>? Scopes);

/// <summary>The only response that ever carries the key itself.</summary>
public sealed record CreatedKeyResponse(string KeyId, string Key, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

public sealed record KeyResponse(string KeyId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record WebhookSecretResponse(string Id, string Secret, DateTimeOffset CreatedAt, DateTimeOffset? PreviousSecretsValidUntil);

public sealed record PhoneNumberRequest(string? Number, string? Country, string? Status, string? AgentId);

public sealed record NamedResourceRequest(string? Name);

public sealed record ResourcesResponse(
    IReadOnlyList<PhoneNumberResponse> PhoneNumbers, IReadOnlyList<NamedResourceResponse> Agents, IReadOnlyList<NamedResourceResponse> Voices);

public sealed record PhoneNumberResponse(string Id, string Number, string Country, string Status, string? AgentId);

public sealed record NamedResourceResponse(string Id, string Name);
