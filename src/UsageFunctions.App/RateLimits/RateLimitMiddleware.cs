using Microsoft.Azure.Functions.Worker.Middleware;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Hosting;

namespace UsageFunctions.App.RateLimits;

/// <summary>
/// Answers 429 with <c>Retry-After</c>, in the surface's error shape, to a key that has spent its budget on this instance.
/// Only a genuine key (it exists, matches and is not revoked) spends a budget, so a forged key carrying someone's key
/// id cannot drain theirs; finding that out is the same cached point read its handler makes next. Requests without a
/// genuine key, signed webhooks, the management API and timers pass untouched.
/// </summary>
public sealed class RateLimitMiddleware(KeyRateLimiter limiter, ApiKeyAuthenticator keys) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (limiter.IsOn && context.GetHttpContext() is { } http && ThrottledSurface.Of(context.FunctionDefinition.EntryPoint) is { } surface
            && await keys.GenuineKeyIdAsync(surface.Credential(http.Request), context.CancellationToken) is { } keyId
            && limiter.TryTake(keyId) is { } throttle)
        {
            context.GetInvocationResult().Value = new RetryAfterResult(surface.Answer(throttle), throttle.RetryAfterSeconds);
            return;
        }
        await next(context);
    }
}
