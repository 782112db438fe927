using System.Net;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Functions;

/// <summary>The Worker SDK's functions.metadata is the list of functions: exactly these, with these triggers.</summary>
public sealed partial class FunctionsMetadataTests : AppTest
{
    private const string Accounts = "api/manage/accounts/{accountId}";

    public static TheoryData<string, string, string> Expected => new()
    {
        { "CreateAccount", "POST", "api/manage/accounts" },
        { "GetAccount", "GET", Accounts },
        { "CreateApiKey", "POST", Accounts + "/keys" },
        { "ListApiKeys", "GET", Accounts + "/keys" },
        { "RevokeApiKey", "DELETE", Accounts + "/keys/{keyId}" },
        { "RotateWebhookSecret", "POST", Accounts + "/webhook-secrets" },
        { "PutPhoneNumber", "PUT", Accounts + "/phone-numbers/{id}" },
        { "PutAgent", "PUT", Accounts + "/agents/{id}" },
        { "PutVoice", "PUT", Accounts + "/voices/{id}" },
        { "GetResources", "GET", Accounts + "/resources" },
        { "StorageDiagnostics", "GET", "api/manage/diagnostics/storage" },
        { "IngestEvents", "POST", "api/events" },
        { "IngestAccountEvents", "POST", "api/accounts/{accountId}/events" },
        { "ListEvents", "GET", "api/events" },
        { "VoidEvents", "POST", "api/events/void" },
        { "VoidAccountEvents", "POST", "api/accounts/{accountId}/events/void" },
        { "GetUsage", "GET", "api/usage" },
        { "GetCurrentPeriod", "GET", "api/usage/period" },
        { "CheckEntitlement", "GET", "api/entitlements/{meter}" },
        { "VocodeUsage", "GET", "vocode/v1/usage" },
        { "AgentPhoneUsage", "GET", "agentphone/v1/usage" },
        { "AgentPhoneDailyUsage", "GET", "agentphone/v1/usage/daily" },
        { "AgentPhoneMonthlyUsage", "GET", "agentphone/v1/usage/monthly" },
        { "AgentPhoneUsageByNumber", "GET", "agentphone/v1/usage/by-number" },
        { "AgentPhoneUsageByAgent", "GET", "agentphone/v1/usage/by-agent" },
        { "UltravoxCallUsage", "GET", "ultravox/api/accounts/me/usage/calls" },
        { "UltravoxAgentUsage", "GET", "ultravox/api/agents/usage" },
        { "BillingUsage", "GET", "billing/api/billing/usage" },
        { "RollupTimer", "timer", "%Timers__Rollup%" },
        { "PeriodTimer", "timer", "%Timers__Periods%" },
        { "RetentionTimer", "timer", "%Timers__Retention%" },
    };

    [Fact]
    public void BuildOutputListsExactlyTheseFunctions() =>
        Assert.Equal(Expected.Select(row => (string)row[0]).Order(), FunctionsMetadata.All.Select(f => f.Name).Order());

    [Theory]
    [MemberData(nameof(Expected))]
    public void EachFunctionHasItsTrigger(string name, string method, string routeOrSchedule)
    {
        var function = Assert.Single(FunctionsMetadata.All, f => f.Name == name);
        if (method == "timer")
        {
            Assert.Equal("timerTrigger", function.Type);
            Assert.Equal(routeOrSchedule, function.Schedule);
        }
        else
        {
            Assert.Equal("httpTrigger", function.Type);
            Assert.Equal([method], function.Methods);
            Assert.Equal(routeOrSchedule, function.Route);
            Assert.False(routeOrSchedule.StartsWith("admin", StringComparison.OrdinalIgnoreCase), "The host reserves routes under admin/.");
        }
    }

    [Fact]
    public async Task EveryHttpFunctionIsReachedThroughTheHostAtItsRoute()
    {
        using var client = App.CreateClient();
        foreach (var function in FunctionsMetadata.Http)
        {
            var path = "/" + Placeholder().Replace(function.Route!, "acct_x");
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(function.Methods[0]), path));
            // Unauthenticated, every function refuses in its own way; a path no function serves is the host's 404.
            Assert.True(response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.InternalServerError),
                $"{function.Methods[0]} {path} ({function.Name}) answered {(int)response.StatusCode}");
            Assert.True(response.Content.Headers.ContentLength is null or > 0, $"{function.Name} answered an empty body.");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[^}]+\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();
}
