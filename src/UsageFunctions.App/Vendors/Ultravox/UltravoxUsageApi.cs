using Microsoft.Extensions.Options;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Retention;
using UsageFunctions.Domain.Accounts;
using UsageFunctions.Domain.Time;
using UsageFunctions.Storage.Accounts;
using UsageFunctions.Storage.Calls;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Vendors.Ultravox;

/// <summary>
/// Ultravox's <c>GET /api/accounts/me/usage/calls</c> and <c>GET /api/agents/usage</c>, served under <c>/ultravox</c>,
/// for the account of the <c>X-API-Key</c>. Errors are Django REST Framework's: <c>{"detail"}</c> and <c>{"field":[...]}</c>.
/// </summary>
public static class UltravoxUsageApi
{
    public const string Root = "ultravox/api";

    /// <summary>
    /// Aggregates (hours, days, months) are kept 25 months; without a <c>fromDate</c> the range begins at the start of the
    /// UTC month 25 months ago, a month the aggregates hold whole, so the read needs no partial month or day.
    /// </summary>
    public const int AggregateMonths = 25;

    public static async Task<IResult> GetCallUsageAsync(HttpRequest request, ApiKeyAuthenticator keys, IUsageQuery usage,
        CallDigestReader digests, IOptions<RetentionOptions> retention, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (read, refused) = await ReadRequestAsync(request, keys, retention, clock, agentBreakdown: false, cancellationToken);
        if (read is null) return refused!;

        var tally = new CallUsageTally(read.Windows);
        if (read.Filters.NeedsEachCall) await CallUsageSources.ReadCallsAsync(digests, read.AccountId, read.Filters, tally, cancellationToken);
        else await CallUsageSources.ReadAggregatesAsync(usage, read.AccountId, read.Filters, tally, cancellationToken);
        return TypedResults.Ok(new CallUsageDto(
            UltravoxMapper.Stats(tally.All),
            [.. tally.DailySeries(tally.Days).Select(d => UltravoxMapper.Day(d.Day, d.Counts))],
            [.. tally.HourlySeries().Select(h => UltravoxMapper.Hour(h.Hour, h.Counts))]));
    }

    /// <summary>Each agent with matching calls in the daily window (unregistered agents have an empty name), by name.</summary>
    public static async Task<IResult> GetAgentUsageAsync(HttpRequest request, ApiKeyAuthenticator keys, AccountProfiles accounts,
        IUsageQuery usage, CallDigestReader digests, IOptions<RetentionOptions> retention, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (read, refused) = await ReadRequestAsync(request, keys, retention, clock, agentBreakdown: true, cancellationToken);
        if (read is null) return refused!;

        var resources = accounts.ResourcesAsync(read.AccountId, cancellationToken);
        var tally = new CallUsageTally(read.Windows with { From = read.Windows.DaysFrom });
        if (NeedsRaw(read.Filters, agentBreakdown: true))
            await CallUsageSources.ReadCallsAsync(digests, read.AccountId, read.Filters, tally, cancellationToken);
        else await CallUsageSources.ReadAgentAggregatesAsync(usage, read.AccountId, read.Filters, tally, cancellationToken);
        var names = (await resources).Agents.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        return TypedResults.Ok(tally.AgentDays
            .Select(a => new AgentUsageDto(new AgentRefDto(read.Filters.Ids.Present(UltravoxIds.Agent, a.Key), names.GetValueOrDefault(a.Key, "")),
                [.. tally.DailySeries(a.Value).Select(d => UltravoxMapper.AgentDay(d.Day, d.Counts))]))
            .OrderBy(a => a.Agent.Name, StringComparer.Ordinal).ThenBy(a => a.Agent.AgentId, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>Authenticates, parses the filters and checks the range against what the chosen source still keeps.</summary>
    private static async Task<(UsageRequest? Read, IResult? Refused)> ReadRequestAsync(
        HttpRequest request, ApiKeyAuthenticator keys, IOptions<RetentionOptions> retention, TimeProvider clock, bool agentBreakdown,
        CancellationToken cancellationToken)
    {
        var (accountId, denied) = await UltravoxErrors.AuthenticateAsync(request, keys, cancellationToken);
        if (accountId is null) return (null, denied);
        var now = clock.GetUtcNow();
        var (filters, errors) = CallFiltersParser.Parse(request.Query, new UltravoxIds(accountId));
        var raw = NeedsRaw(filters, agentBreakdown);
        var keptSince = raw ? RawSince(now, retention) : UtcDecomposition.Floor(now.AddMonths(-AggregateMonths), BucketGrain.Month);
        if (errors.Count == 0 && filters.From < keptSince) errors["fromDate"] = [Kept(raw, retention)];
        return errors.Count > 0
            ? (null, TypedResults.BadRequest(errors))
            : (new UsageRequest(accountId, filters, UsageWindows.For(filters, now, keptSince)), null);
    }

    /// <summary>
    /// Aggregates are kept per single dimension: per-call filters need each call (call digests, kept as long as raw
    /// events), and so does a voice filter on the per-agent breakdown (two dimensions at once).
    /// </summary>
    private static bool NeedsRaw(CallFilters filters, bool agentBreakdown) =>
        filters.NeedsEachCall || (agentBreakdown && filters.VoiceId is not null);

    private static DateTimeOffset RawSince(DateTimeOffset now, IOptions<RetentionOptions> retention) =>
        now.AddDays(-retention.Value.RawEventDays);

    private static string Kept(bool raw, IOptions<RetentionOptions> retention) => raw
        ? $"Calls filtered by duration, time of day, metadata, search or agent and voice together (or per agent by voice) can be read for the last {retention.Value.RawEventDays} days."
        : $"Call usage is kept for {AggregateMonths} months.";
}

/// <summary>An authenticated, valid usage request: whose calls, which ones, and the windows to answer.</summary>
public sealed record UsageRequest(string AccountId, CallFilters Filters, UsageWindows Windows);
