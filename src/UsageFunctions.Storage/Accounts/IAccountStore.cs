using UsageFunctions.Domain.Accounts;

namespace UsageFunctions.Storage.Accounts;

/// <summary>Accounts and the resources their usage is broken down by.</summary>
public interface IAccountStore
{
    Task CreateAsync(Account account, CancellationToken cancellationToken);
    Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken);
    /// <summary>Every account, from the index partition: one single-partition query.</summary>
    Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken);
    /// <summary>Every account id, from the same partition, reading only the ids.</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken);

    Task SavePhoneNumberAsync(string accountId, PhoneNumber number, CancellationToken cancellationToken);
    Task SaveAgentAsync(string accountId, Agent agent, CancellationToken cancellationToken);
    Task SaveVoiceAsync(string accountId, Voice voice, CancellationToken cancellationToken);
    Task<AccountResources> GetResourcesAsync(string accountId, CancellationToken cancellationToken);

    Task AddWebhookSecretAsync(string accountId, WebhookSecret secret, CancellationToken cancellationToken);
    Task ExpireWebhookSecretsAsync(string accountId, DateTimeOffset expiresAt, CancellationToken cancellationToken);
    Task<IReadOnlyList<WebhookSecret>> GetWebhookSecretsAsync(string accountId, CancellationToken cancellationToken);
}

public sealed record AccountResources(
    IReadOnlyList<PhoneNumber> PhoneNumbers, IReadOnlyList<Agent> Agents, IReadOnlyList<Voice> Voices);
