using Microsoft.AspNetCore.Http;
using UsageFunctions.LocalHost;
using UsageFunctions.LocalHost.Functions;
using UsageFunctions.LocalHost.Rpc;

namespace UsageFunctions.Tests.Functions;

/// <summary>The local host's routing, schedules and settings, on their own.</summary>
public sealed class LocalHostPartsTests
{
    private static LoadedFunction Http(string name, string route, params string[] methods) =>
        new(name, name, new RpcFunctionMetadata { Name = name }, new HttpTrigger("req", route, methods.ToHashSet()), null);

    [Theory]
    [InlineData("GET", "/api/usage/period", "Period")]
    [InlineData("GET", "/api/usage", "Usage")]
    [InlineData("GET", "/vocode/v1/usage/", "Vocode")]
    [InlineData("POST", "/api/events", "Ingest")]
    [InlineData("GET", "/api/events", "List")]
    [InlineData("GET", "/api/accounts/acct_1/events", null)]
    [InlineData("DELETE", "/api/events", null)]
    [InlineData("GET", "/nothing", null)]
    public void RequestsFindTheFunctionOfTheirRouteAndMethod(string method, string path, string? expected)
    {
        var router = new HttpRouter(
        [
            Http("Usage", "api/usage", "GET"), Http("Period", "api/usage/period", "GET"), Http("Vocode", "vocode/v1/usage", "GET"),
            Http("Ingest", "api/events", "POST"), Http("List", "api/events", "GET"), Http("Account", "api/accounts/{accountId}/events", "POST"),
        ], routePrefix: "");
        Assert.Equal(expected, router.Match(method, path)?.Function.Name);
    }

    [Fact]
    public void RouteValuesAndThePrefixAreApplied()
    {
        var router = new HttpRouter([Http("Account", "accounts/{accountId}/keys/{keyId}")], routePrefix: "api");
        var match = router.Match("PATCH", "/api/accounts/acct_1/keys/key_2");
        Assert.NotNull(match);
        Assert.Equal("acct_1", match.Value.Values["accountId"]);
        Assert.Equal("key_2", match.Value.Values["keyId"]);
        Assert.Null(router.Match("PATCH", "/accounts/acct_1/keys/key_2"));
    }

    [Theory]
    [InlineData("*/30 * * * * *", "2026-11-20T12:00:10Z", "2026-11-20T12:00:30Z")]
    [InlineData("0 17 3 * * *", "2026-11-20T12:00:00Z", "2026-11-21T03:17:00Z")]
    [InlineData("5 * * * *", "2026-11-20T12:06:00Z", "2026-11-20T13:05:00Z")]
    [InlineData("00:05:00", "2026-11-20T12:00:10Z", "2026-11-20T12:05:10Z")]
    public void SchedulesAreNcrontabWithOrWithoutSecondsOrATimeSpan(string expression, string after, string next) =>
        Assert.Equal(DateTimeOffset.Parse(next), Schedule.Parse(expression).Next(DateTimeOffset.Parse(after)));

    [Fact]
    public void ABadScheduleIsRefused() => Assert.Throws<FormatException>(() => Schedule.Parse("every minute"));

    [Fact]
    public void BindingExpressionsResolveFromTheSettingsAndAMissingOneIsAnError()
    {
        var settings = new AppSettings(new Dictionary<string, string> { ["Timers__Rollup"] = "*/30 * * * * *" }, readEnvironment: false);
        Assert.Equal("*/30 * * * * *", settings.Resolve("%Timers__Rollup%"));
        Assert.Throws<InvalidOperationException>(() => settings.Resolve("%Timers__Missing%"));
    }

    [Fact]
    public void AnHttpInvocationCarriesRouteValuesQueryAndHeadersAsTriggerMetadata()
    {
        var function = Http("Account", "api/accounts/{accountId}/events", "POST");
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/accounts/acct_1/events";
        context.Request.QueryString = new QueryString("?limit=5");
        context.Request.Headers["webhook-id"] = "msg_1";
        var request = InvocationRequests.Http(function, "inv-1", context.Request, new() { ["accountId"] = "acct_1" });

        Assert.Equal("inv-1", request.InvocationId);
        Assert.Equal("acct_1", request.TriggerMetadata["accountId"].String);
        Assert.Contains("\"limit\":\"5\"", request.TriggerMetadata["Query"].Json);
        Assert.Contains("\"webhook-id\":\"msg_1\"", request.TriggerMetadata["Headers"].Json);
        Assert.Equal("acct_1", request.InputData.Single(b => b.Name == "req").Data.Http.Params["accountId"]);
        Assert.StartsWith("00-", request.TraceContext.TraceParent);
    }
}
