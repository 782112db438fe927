namespace UsageFunctions.Domain.Accounts;

/// <summary>A phone number usage is broken down by.</summary>
public sealed record PhoneNumber(string Id, string Number, string Country, string Status, string? AgentId);

/// <summary>An agent usage is broken down by.</summary>
public sealed record Agent(string Id, string Name);

/// <summary>A voice usage is broken down by.</summary>
public sealed record Voice(string Id, string Name);
