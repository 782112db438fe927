using Azure;
using Azure.Data.Tables;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Accounts;

/// <summary>
/// An account is read with one point read (its profile) or one query of its partition; accounts are listed from the index
/// partition with one single-partition query, so no read grows with the number of tenants.
/// </summary>
public sealed class TableAccountStore(TableClients tables, IndexBackfill backfill) : IAccountStore
{
    /// <summary>The index row first: an account that exists is always listed (a failure in between leaves a listed id without a profile).</summary>
    public async Task CreateAsync(Account account, CancellationToken cancellationToken)
    {
        var table = await Table(cancellationToken);
        await table.UpsertEntityAsync(AccountEntity.IndexFrom(account), TableUpdateMode.Replace, cancellationToken);
        await table.AddEntityAsync(AccountEntity.From(account), cancellationToken);
    }

    public async Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await Table(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<AccountEntity>(accountId, AccountRows.Profile, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.ToAccount() : null;
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<Account>();
        await foreach (var entity in IndexAsync(null, cancellationToken)) accounts.Add(entity.ToAccount());
        return accounts;
    }

    public async Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var entity in IndexAsync(["RowKey"], cancellationToken)) ids.Add(entity.RowKey);
        return ids;
    }

    public Task SavePhoneNumberAsync(string accountId, PhoneNumber number, CancellationToken cancellationToken) =>
        UpsertAsync(ResourceRows.From(accountId, number), cancellationToken);

    public Task SaveAgentAsync(string accountId, Agent agent, CancellationToken cancellationToken) =>
        UpsertAsync(ResourceRows.From(accountId, agent), cancellationToken);

    public Task SaveVoiceAsync(string accountId, Voice voice, CancellationToken cancellationToken) =>
        UpsertAsync(ResourceRows.From(accountId, voice), cancellationToken);

    public async Task<AccountResources> GetResourcesAsync(string accountId, CancellationToken cancellationToken)
    {
        List<PhoneNumber> numbers = [];
        List<Agent> agents = [];
        List<Voice> voices = [];
        await foreach (var row in RowsAsync(accountId, cancellationToken))
        {
            switch (AccountRows.KindOf(row.RowKey))
            {
                case AccountRows.Number: numbers.Add(ResourceRows.ToNumber(row)); break;
                case AccountRows.Agent: agents.Add(ResourceRows.ToAgent(row)); break;
                case AccountRows.Voice: voices.Add(ResourceRows.ToVoice(row)); break;
            }
        }
        return new AccountResources(numbers, agents, voices);
    }

    public Task AddWebhookSecretAsync(string accountId, WebhookSecret secret, CancellationToken cancellationToken) =>
        UpsertAsync(ResourceRows.From(accountId, secret), cancellationToken);

    public async Task ExpireWebhookSecretsAsync(string accountId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        foreach (var secret in await GetWebhookSecretsAsync(accountId, cancellationToken))
        {
            if (secret.ExpiresAt is null || secret.ExpiresAt > expiresAt)
                await UpsertAsync(ResourceRows.From(accountId, secret with { ExpiresAt = expiresAt }), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<WebhookSecret>> GetWebhookSecretsAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await Table(cancellationToken);
        var from = AccountRows.Secret + StorageKeys.Separator;
        var to = StorageKeys.PrefixEnd(AccountRows.Secret);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey gt {from} and RowKey lt {to}");
        var secrets = new List<WebhookSecret>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            secrets.Add(ResourceRows.ToSecret(row));
        return secrets;
    }

    private async IAsyncEnumerable<TableEntity> RowsAsync(
        string accountId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await Table(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            yield return row;
    }

    private async IAsyncEnumerable<AccountEntity> IndexAsync(
        IEnumerable<string>? select, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await backfill.EnsureAsync(cancellationToken);
        var table = await Table(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AccountRows.IndexPartition}");
        await foreach (var entity in table.QueryAsync<AccountEntity>(filter, select: select, cancellationToken: cancellationToken))
            yield return entity;
    }

    private async Task UpsertAsync(TableEntity entity, CancellationToken cancellationToken) =>
        await (await Table(cancellationToken)).UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);

    private Task<TableClient> Table(CancellationToken cancellationToken) => tables.GetAsync(TableNames.Accounts, cancellationToken);
}
