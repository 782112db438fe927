using UsageFunctions.App.Auth;
using UsageFunctions.App.Functions;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Storage.Accounts;

namespace UsageFunctions.App.Alerts;

/// <summary>The management API's alerts (admin key): rules, endpoints and delivery logs of any account.</summary>
[RequiresAdminKey]
public sealed class AlertAdminFunctions(IAccountStore accounts, AlertServices s)
{
    private const string Root = "api/manage/accounts/{accountId}/alerts";
    private const string Endpoint = Root + "/endpoints/{endpointId}";

    [Function("ManageListAlertRules")]
    public Task<IResult> ListRules([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Root + "/rules")] HttpRequest req,
        string accountId, CancellationToken ct) => Run(accountId, a => AlertRulesApi.ListAsync(a, s, ct), ct);

    [Function("ManageCreateAlertRule")]
    public Task<IResult> CreateRule([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/rules")] HttpRequest req,
        string accountId, CancellationToken ct) => Run(accountId, async a => await AlertRulesApi.CreateAsync(a, await JsonBody.ReadAsync<AlertRuleRequest>(req, ct), s, ct), ct);

    [Function("ManageGetAlertRule")]
    public Task<IResult> GetRule([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Root + "/rules/{ruleId}")] HttpRequest req,
        string accountId, string ruleId, CancellationToken ct) => Run(accountId, a => AlertRulesApi.GetAsync(a, ruleId, s, ct), ct);

    [Function("ManageReplaceAlertRule")]
    public Task<IResult> ReplaceRule([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Root + "/rules/{ruleId}")] HttpRequest req,
        string accountId, string ruleId, CancellationToken ct) =>
        Run(accountId, async a => await AlertRulesApi.ReplaceAsync(a, ruleId, await JsonBody.ReadAsync<AlertRuleRequest>(req, ct), s, ct), ct);

    [Function("ManageDeleteAlertRule")]
    public Task<IResult> DeleteRule([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Root + "/rules/{ruleId}")] HttpRequest req,
        string accountId, string ruleId, CancellationToken ct) => Run(accountId, a => AlertRulesApi.DeleteAsync(a, ruleId, s, ct), ct);

    [Function("ManageListAlertEndpoints")]
    public Task<IResult> ListEndpoints([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Root + "/endpoints")] HttpRequest req,
        string accountId, CancellationToken ct) => Run(accountId, a => AlertEndpointsApi.ListAsync(a, s, ct), ct);

    [Function("ManageCreateAlertEndpoint")]
    public Task<IResult> CreateEndpoint([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/endpoints")] HttpRequest req,
        string accountId, CancellationToken ct) =>
        Run(accountId, async a => await AlertEndpointsApi.CreateAsync(a, await JsonBody.ReadAsync<AlertEndpointRequest>(req, ct), s, ct), ct);

    [Function("ManageGetAlertEndpoint")]
    public Task<IResult> GetEndpoint([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Endpoint)] HttpRequest req,
        string accountId, string endpointId, CancellationToken ct) => Run(accountId, a => AlertEndpointsApi.GetAsync(a, endpointId, s, ct), ct);

    [Function("ManageUpdateAlertEndpoint")]
    public Task<IResult> UpdateEndpoint([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Endpoint)] HttpRequest req,
        string accountId, string endpointId, CancellationToken ct) =>
        Run(accountId, async a => await AlertEndpointsApi.UpdateAsync(a, endpointId, await JsonBody.ReadAsync<AlertEndpointRequest>(req, ct), s, ct), ct);

    [Function("ManageDeleteAlertEndpoint")]
    public Task<IResult> DeleteEndpoint([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Endpoint)] HttpRequest req,
        string accountId, string endpointId, CancellationToken ct) => Run(accountId, a => AlertEndpointsApi.DeleteAsync(a, endpointId, s, ct), ct);

    [Function("ManageRotateAlertEndpointSecret")]
    public Task<IResult> RotateSecret([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Endpoint + "/secret")] HttpRequest req,
        string accountId, string endpointId, CancellationToken ct) =>
        Run(accountId, a => AlertEndpointsApi.RotateSecretAsync(a, endpointId, req.Query["graceHours"].ToString(), s, ct), ct);

    [Function("ManageListAlertDeliveries")]
    public Task<IResult> ListDeliveries([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Endpoint + "/deliveries")] HttpRequest req,
        string accountId, string endpointId, CancellationToken ct) =>
        Run(accountId, a => AlertDeliveriesApi.ListAsync(a, endpointId, req.Query["status"].ToString(), s, ct), ct);

    [Function("ManageRetryAlertDelivery")]
    public Task<IResult> RetryDelivery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Endpoint + "/deliveries/{messageId}/retry")] HttpRequest req,
        string accountId, string endpointId, string messageId, CancellationToken ct) =>
        Run(accountId, a => AlertDeliveriesApi.RetryAsync(a, endpointId, messageId, s, ct), ct);

    [Function("ManageSendAlertTest")]
    public Task<IResult> SendTest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Endpoint + "/test")] HttpRequest req,
        string accountId, string endpointId, CancellationToken ct) => Run(accountId, a => AlertDeliveriesApi.SendTestAsync(a, endpointId, s, ct), ct);

    private async Task<IResult> Run(string accountId, Func<string, Task<IResult>> handler, CancellationToken ct) =>
        AccountIds.IsValidId(accountId) && await accounts.FindAsync(accountId, ct) is not null
            ? await handler(accountId)
            : AlertProblems.NotFound("Account", accountId);
}
