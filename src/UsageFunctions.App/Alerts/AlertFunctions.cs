using UsageFunctions.App.Auth;
using UsageFunctions.App.Functions;

namespace UsageFunctions.App.Alerts;

/// <summary>The self-service alert API: rules, endpoints and delivery logs of the account the key belongs to.</summary>
public sealed class AlertFunctions(ApiKeyAuthenticator keys, AlertServices s)
{
    private const string Root = "api/alerts";
    private const string Endpoint = Root + "/endpoints/{endpointId}";

    [Function("ListAlertRules")]
    public Task<IResult> ListRules([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Root + "/rules")] HttpRequest req,
        CancellationToken ct) => Read(req, a => AlertRulesApi.ListAsync(a, s, ct), ct);

    [Function("CreateAlertRule")]
    public Task<IResult> CreateRule([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/rules")] HttpRequest req,
        CancellationToken ct) => Write(req, async a => await AlertRulesApi.CreateAsync(a, await JsonBody.ReadAsync<AlertRuleRequest>(req, ct), s, ct), ct);

    [Function("GetAlertRule")]
    public Task<IResult> GetRule([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Root + "/rules/{ruleId}")] HttpRequest req,
        string ruleId, CancellationToken ct) => Read(req, a => AlertRulesApi.GetAsync(a, ruleId, s, ct), ct);

    [Function("ReplaceAlertRule")]
    public Task<IResult> ReplaceRule([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Root + "/rules/{ruleId}")] HttpRequest req,
        string ruleId, CancellationToken ct) =>
        Write(req, async a => await AlertRulesApi.ReplaceAsync(a, ruleId, await JsonBody.ReadAsync<AlertRuleRequest>(req, ct), s, ct), ct);

    [Function("DeleteAlertRule")]
    public Task<IResult> DeleteRule([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Root + "/rules/{ruleId}")] HttpRequest req,
        string ruleId, CancellationToken ct) => Write(req, a => AlertRulesApi.DeleteAsync(a, ruleId, s, ct), ct);

    [Function("ListAlertEndpoints")]
    public Task<IResult> ListEndpoints([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Root + "/endpoints")] HttpRequest req,
        CancellationToken ct) => Read(req, a => AlertEndpointsApi.ListAsync(a, s, ct), ct);

    [Function("CreateAlertEndpoint")]
    public Task<IResult> CreateEndpoint([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Root + "/endpoints")] HttpRequest req,
        CancellationToken ct) =>
        Write(req, async a => await AlertEndpointsApi.CreateAsync(a, await JsonBody.ReadAsync<AlertEndpointRequest>(req, ct), s, ct), ct);

    [Function("GetAlertEndpoint")]
    public Task<IResult> GetEndpoint([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Endpoint)] HttpRequest req,
        string endpointId, CancellationToken ct) => Read(req, a => AlertEndpointsApi.GetAsync(a, endpointId, s, ct), ct);

    [Function("UpdateAlertEndpoint")]
    public Task<IResult> UpdateEndpoint([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Endpoint)] HttpRequest req,
        string endpointId, CancellationToken ct) =>
        Write(req, async a => await AlertEndpointsApi.UpdateAsync(a, endpointId, await JsonBody.ReadAsync<AlertEndpointRequest>(req, ct), s, ct), ct);

    [Function("DeleteAlertEndpoint")]
    public Task<IResult> DeleteEndpoint([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Endpoint)] HttpRequest req,
        string endpointId, CancellationToken ct) => Write(req, a => AlertEndpointsApi.DeleteAsync(a, endpointId, s, ct), ct);

    [Function("RotateAlertEndpointSecret")]
    public Task<IResult> RotateSecret([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Endpoint + "/secret")] HttpRequest req,
        string endpointId, CancellationToken ct) =>
        Write(req, a => AlertEndpointsApi.RotateSecretAsync(a, endpointId, req.Query["graceHours"].ToString(), s, ct), ct);

    [Function("ListAlertDeliveries")]
    public Task<IResult> ListDeliveries([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Endpoint + "/deliveries")] HttpRequest req,
        string endpointId, CancellationToken ct) =>
        Read(req, a => AlertDeliveriesApi.ListAsync(a, endpointId, req.Query["status"].ToString(), s, ct), ct);

    [Function("RetryAlertDelivery")]
    public Task<IResult> RetryDelivery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Endpoint + "/deliveries/{messageId}/retry")] HttpRequest req,
        string endpointId, string messageId, CancellationToken ct) =>
        Write(req, a => AlertDeliveriesApi.RetryAsync(a, endpointId, messageId, s, ct), ct);

    [Function("SendAlertTest")]
    public Task<IResult> SendTest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Endpoint + "/test")] HttpRequest req,
        string endpointId, CancellationToken ct) => Write(req, a => AlertDeliveriesApi.SendTestAsync(a, endpointId, s, ct), ct);

    private Task<IResult> Read(HttpRequest req, Func<string, Task<IResult>> handler, CancellationToken ct) =>
        AlertCaller.RunAsync(req, keys, write: false, handler, ct);

    private Task<IResult> Write(HttpRequest req, Func<string, Task<IResult>> handler, CancellationToken ct) =>
        AlertCaller.RunAsync(req, keys, write: true, handler, ct);
}
