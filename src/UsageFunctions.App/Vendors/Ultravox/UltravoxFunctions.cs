using Microsoft.Extensions.Options;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Retention;
using UsageFunctions.Storage.Calls;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Vendors.Ultravox;

/// <summary>Ultravox's call and agent usage under the base URL <c>/ultravox</c>.</summary>
public sealed class UltravoxFunctions(
    ApiKeyAuthenticator keys, AccountProfiles accounts, IUsageQuery usage, CallDigestReader digests,
    IOptions<RetentionOptions> retention, TimeProvider clock)
{
    [Function("UltravoxCallUsage")]
    public Task<IResult> GetCallUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = UltravoxUsageApi.Root + "/accounts/me/usage/calls")] HttpRequest req,
        CancellationToken cancellationToken) =>
        UltravoxUsageApi.GetCallUsageAsync(req, keys, usage, digests, retention, clock, cancellationToken);

    [Function("UltravoxAgentUsage")]
    public Task<IResult> GetAgentUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = UltravoxUsageApi.Root + "/agents/usage")] HttpRequest req,
        CancellationToken cancellationToken) =>
        UltravoxUsageApi.GetAgentUsageAsync(req, keys, accounts, usage, digests, retention, clock, cancellationToken);
}
