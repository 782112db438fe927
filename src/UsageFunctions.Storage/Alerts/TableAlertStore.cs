using Azure;
using Azure.Data.Tables;
using UsageFunctions.Domain.Alerts;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Alerts;

/// <summary>An account's alert rules and endpoints: one partition per account, so one query reads them all.</summary>
public sealed class TableAlertStore(TableClients tables)
{
    public async Task<(List<AlertRule> Rules, List<AlertEndpoint> Endpoints)> ReadAllAsync(string accountId, CancellationToken cancellationToken)
    {
        var rules = ListRulesAsync(accountId, cancellationToken);
        var endpoints = ListEndpointsAsync(accountId, cancellationToken);
        return ([.. (await rules).OrderBy(r => r.CreatedAt)], [.. (await endpoints).OrderBy(e => e.CreatedAt)]);
    }

    /// <summary>The rules only: one RowKey range, what the evaluator reads for every account a roll-up touched.</summary>
    public async Task<List<AlertRule>> ListRulesAsync(string accountId, CancellationToken cancellationToken) =>
        [.. (await ListAsync<AlertRuleEntity>(accountId, AlertRuleEntity.Prefix, cancellationToken)).Select(AlertConfigMapping.ToRule)];

    public async Task<List<AlertEndpoint>> ListEndpointsAsync(string accountId, CancellationToken cancellationToken) =>
        [.. (await ListAsync<AlertEndpointEntity>(accountId, AlertEndpointEntity.Prefix, cancellationToken)).Select(AlertConfigMapping.ToEndpoint)];

    public async Task<AlertRule?> FindRuleAsync(string accountId, string ruleId, CancellationToken cancellationToken) =>
        await FindAsync<AlertRuleEntity>(accountId, AlertRuleEntity.Prefix, ruleId, cancellationToken) is { } e ? AlertConfigMapping.ToRule(e) : null;

    public async Task<AlertEndpoint?> FindEndpointAsync(string accountId, string endpointId, CancellationToken cancellationToken) =>
        await FindAsync<AlertEndpointEntity>(accountId, AlertEndpointEntity.Prefix, endpointId, cancellationToken) is { } e
            ? AlertConfigMapping.ToEndpoint(e) : null;

    public async Task SaveRuleAsync(string accountId, AlertRule rule, CancellationToken cancellationToken) =>
        await (await tables.GetAsync(TableNames.Alerts, cancellationToken))
            .UpsertEntityAsync(AlertConfigMapping.ToEntity(accountId, rule), TableUpdateMode.Replace, cancellationToken);

    public async Task SaveEndpointAsync(string accountId, AlertEndpoint endpoint, CancellationToken cancellationToken) =>
        await (await tables.GetAsync(TableNames.Alerts, cancellationToken))
            .UpsertEntityAsync(AlertConfigMapping.ToEntity(accountId, endpoint), TableUpdateMode.Replace, cancellationToken);

    public Task<bool> DeleteRuleAsync(string accountId, string ruleId, CancellationToken cancellationToken) =>
        DeleteAsync(accountId, AlertRuleEntity.Prefix, ruleId, cancellationToken);

    public Task<bool> DeleteEndpointAsync(string accountId, string endpointId, CancellationToken cancellationToken) =>
        DeleteAsync(accountId, AlertEndpointEntity.Prefix, endpointId, cancellationToken);

    private async Task<T?> FindAsync<T>(string accountId, string prefix, string id, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var table = await tables.GetAsync(TableNames.Alerts, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<T>(StorageKeys.Escape(accountId), StorageKeys.Join(prefix, id),
            cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private async Task<bool> DeleteAsync(string accountId, string prefix, string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Alerts, cancellationToken);
        try
        {
            var response = await table.DeleteEntityAsync(StorageKeys.Escape(accountId), StorageKeys.Join(prefix, id), ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private async Task<List<T>> ListAsync<T>(string accountId, string prefix, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var table = await tables.GetAsync(TableNames.Alerts, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {StorageKeys.Escape(accountId)} and RowKey gt {prefix + StorageKeys.Separator} and RowKey lt {StorageKeys.PrefixEnd(prefix)}");
        var rows = new List<T>();
        await foreach (var row in table.QueryAsync<T>(filter, cancellationToken: cancellationToken)) rows.Add(row);
        return rows;
    }
}
