namespace UsageFunctions.App.Alerts;

public sealed record AlertFilterBody(string? Dimension, string? Value);

/// <summary>A rule as clients send it: a meter, exactly one of <c>value</c> and <c>percentOfIncluded</c>, and the rest optional.</summary>
public sealed record AlertRuleRequest(string? Meter, decimal? Value, decimal? PercentOfIncluded, string? Window, AlertFilterBody? Filter,
    List<string>? Endpoints, bool? Enabled);

/// <summary>A rule; <c>threshold</c> is the figure it fires at under the account's current plan.</summary>
public sealed record AlertRuleResponse(string Id, string Meter, decimal? Value, decimal? PercentOfIncluded, decimal? Threshold,
    string Window, AlertFilterBody? Filter, IReadOnlyList<string> Endpoints, bool Enabled, DateTimeOffset CreatedAt);

public sealed record AlertEndpointRequest(string? Url, string? Description, bool? Enabled);

/// <summary>An endpoint; <c>secret</c> only in the answer that created it.</summary>
public sealed record AlertEndpointResponse(string Id, string Url, string Description, bool Enabled, string? DisabledReason,
    DateTimeOffset CreatedAt, string? Secret = null);

/// <summary>A new signing secret (shown once) and until when the previous ones still sign.</summary>
public sealed record EndpointSecretResponse(string Secret, DateTimeOffset PreviousValidUntil);

/// <summary>One message to one endpoint: its delivery log entry.</summary>
public sealed record AlertDeliveryResponse(string Id, string Type, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);
