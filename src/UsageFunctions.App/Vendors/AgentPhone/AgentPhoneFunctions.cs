using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Vendors.AgentPhone;

/// <summary>AgentPhone's usage API under the base URL <c>/agentphone</c>.</summary>
public sealed class AgentPhoneFunctions(VendorAccess access, IUsageQuery usage, AccountProfiles accounts, TimeProvider clock)
{
    private const string Root = AgentPhoneApi.Root;

    [Function("AgentPhoneUsage")]
    public Task<IResult> GetUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Root)] HttpRequest req, CancellationToken cancellationToken) =>
        AgentPhoneApi.GetUsageAsync(req, access, usage, accounts, clock, cancellationToken);

    [Function("AgentPhoneDailyUsage")]
    public Task<IResult> GetDaily(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Root + "/daily")] HttpRequest req, CancellationToken cancellationToken) =>
        AgentPhoneSeries.GetDailyAsync(req, access, usage, clock, cancellationToken);

    [Function("AgentPhoneMonthlyUsage")]
    public Task<IResult> GetMonthly(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Root + "/monthly")] HttpRequest req, CancellationToken cancellationToken) =>
        AgentPhoneSeries.GetMonthlyAsync(req, access, usage, clock, cancellationToken);

    [Function("AgentPhoneUsageByNumber")]
    public Task<IResult> GetByNumber(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Root + "/by-number")] HttpRequest req, CancellationToken cancellationToken) =>
        AgentPhoneBreakdowns.GetByNumberAsync(req, access, usage, accounts, clock, cancellationToken);

    [Function("AgentPhoneUsageByAgent")]
    public Task<IResult> GetByAgent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Root + "/by-agent")] HttpRequest req, CancellationToken cancellationToken) =>
        AgentPhoneBreakdowns.GetByAgentAsync(req, access, usage, accounts, clock, cancellationToken);
}
