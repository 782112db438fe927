using Microsoft.Extensions.Options;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Ingestion;
using UsageFunctions.Storage.Events;

namespace UsageFunctions.App.Corrections;

/// <summary>Producers void events they sent by mistake (with a key, the admin key, or signed for one account).</summary>
public sealed class CorrectionFunctions(
    ApiKeyAuthenticator keys, SignatureAuthenticator signatures, IOptions<AdminOptions> admin, IEventVoids voids)
{
    [Function("VoidEvents")]
    public Task<IResult> VoidEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/events/void")] HttpRequest req, CancellationToken cancellationToken) =>
        VoidApi.VoidWithKeyAsync(req, keys, voids, cancellationToken);

    [Function("VoidAccountEvents")]
    public Task<IResult> VoidAccountEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/accounts/{accountId}/events/void")] HttpRequest req, string accountId,
        CancellationToken cancellationToken) =>
        VoidApi.VoidForAccountAsync(accountId, req, keys, signatures, admin, voids, cancellationToken);
}
