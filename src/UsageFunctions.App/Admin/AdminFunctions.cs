using UsageFunctions.App.Auth;
using UsageFunctions.App.Functions;
using UsageFunctions.App.Ingestion;
using UsageFunctions.App.Vendors;
using UsageFunctions.Domain.Plans;
using UsageFunctions.Storage.Accounts;

namespace UsageFunctions.App.Admin;

/// <summary>
/// The management API (admin key): accounts, their API keys, webhook signing secrets and resources. It lives under
/// <c>/api/manage</c> because the Functions host reserves paths that start with <c>admin</c>.
/// </summary>
[RequiresAdminKey]
public sealed class AdminFunctions(
    IAccountStore accounts, IApiKeyStore keys, PlanCatalog plans, ApiKeyAuthenticator authenticator,
    SignatureAuthenticator signatures, AccountProfiles profiles, TimeProvider clock)
{
    private const string Account = AdminApi.Root + "/{accountId}";

    [Function("CreateAccount")]
    public async Task<IResult> CreateAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminApi.Root)] HttpRequest req, CancellationToken cancellationToken) =>
        await AdminApi.CreateAccountAsync(await JsonBody.ReadAsync<CreateAccountRequest>(req, cancellationToken), accounts, plans, signatures, clock,
            cancellationToken);

    [Function("GetAccount")]
    public async Task<IResult> GetAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Account)] HttpRequest req, string accountId, CancellationToken cancellationToken) =>
        await AdminApi.GetAccountAsync(accountId, accounts, cancellationToken);

    [Function("CreateApiKey")]
    public async Task<IResult> CreateApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Account + "/keys")] HttpRequest req, string accountId,
        CancellationToken cancellationToken) =>
        await AdminKeys.CreateAsync(accountId, await JsonBody.ReadAsync<CreateKeyRequest>(req, cancellationToken), accounts, keys, authenticator, clock,
            cancellationToken);

    [Function("ListApiKeys")]
    public async Task<IResult> ListApiKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Account + "/keys")] HttpRequest req, string accountId,
        CancellationToken cancellationToken) =>
        await AdminKeys.ListAsync(accountId, accounts, keys, cancellationToken);

    [Function("RevokeApiKey")]
    public async Task<IResult> RevokeApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Account + "/keys/{keyId}")] HttpRequest req, string accountId,
        string keyId, CancellationToken cancellationToken) =>
        await AdminKeys.RevokeAsync(accountId, keyId, keys, authenticator, clock, cancellationToken);

    [Function("RotateWebhookSecret")]
    public async Task<IResult> RotateWebhookSecret(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Account + "/webhook-secrets")] HttpRequest req, string accountId,
        CancellationToken cancellationToken) =>
        await AdminKeys.RotateSecretAsync(accountId, req.Query["graceHours"].ToString(), accounts, signatures, clock, cancellationToken);

    [Function("PutPhoneNumber")]
    public async Task<IResult> PutPhoneNumber(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Account + "/phone-numbers/{id}")] HttpRequest req, string accountId,
        string id, CancellationToken cancellationToken) =>
        await ForgetResourcesAfter(accountId, AdminResources.PutPhoneNumberAsync(accountId, id,
            await JsonBody.ReadAsync<PhoneNumberRequest>(req, cancellationToken), accounts, cancellationToken));

    [Function("PutAgent")]
    public async Task<IResult> PutAgent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Account + "/agents/{id}")] HttpRequest req, string accountId,
        string id, CancellationToken cancellationToken) =>
        await ForgetResourcesAfter(accountId, AdminResources.PutAgentAsync(accountId, id,
            await JsonBody.ReadAsync<NamedResourceRequest>(req, cancellationToken), accounts, cancellationToken));

    [Function("PutVoice")]
    public async Task<IResult> PutVoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Account + "/voices/{id}")] HttpRequest req, string accountId,
        string id, CancellationToken cancellationToken) =>
        await ForgetResourcesAfter(accountId, AdminResources.PutVoiceAsync(accountId, id,
            await JsonBody.ReadAsync<NamedResourceRequest>(req, cancellationToken), accounts, cancellationToken));

    [Function("GetResources")]
    public async Task<IResult> GetResources(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Account + "/resources")] HttpRequest req, string accountId,
        CancellationToken cancellationToken) =>
        await AdminResources.GetAsync(accountId, accounts, cancellationToken);

    /// <summary>The read APIs keep an account's resources for a while; a save through this instance is seen at once.</summary>
    private async Task<IResult> ForgetResourcesAfter<T>(string accountId, Task<T> saving) where T : IResult
    {
        var result = await saving;
        profiles.ForgetResources(accountId);
        return result;
    }
}
