using System.Net;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Functions;

/// <summary>The Worker SDK's functions.metadata is the list of functions: exactly these, with these triggers.</summary>
public sealed class FunctionsMetadataTests : AppTest
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
        { "Readiness", "GET", "api/health/ready" },
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
        { "OpenApiIndex", "GET", "openapi" },
        { "OpenApiDocument", "GET", "openapi/{document}" },
        { "ApiReference", "GET", "reference" },
        { "ApiReferenceAsset", "GET", "reference/{file}" },
        { "Dashboard", "GET", "dashboard" },
        { "DashboardAsset", "GET", "dashboard/{file}" },
        { "RollupTimer", "timer", "%Timers__Rollup%" },
        { "PeriodTimer", "timer", "%Timers__Periods%" },
        { "RetentionTimer", "timer", "%Timers__Retention%" },
        { "ListAlertRules", "GET", "api/alerts/rules" },
        { "CreateAlertRule", "POST", "api/alerts/rules" },
        { "GetAlertRule", "GET", "api/alerts/rules/{ruleId}" },
        { "ReplaceAlertRule", "PUT", "api/alerts/rules/{ruleId}" },
        { "DeleteAlertRule", "DELETE", "api/alerts/rules/{ruleId}" },
        { "ListAlertEndpoints", "GET", "api/alerts/endpoints" },
        { "CreateAlertEndpoint", "POST", "api/alerts/endpoints" },
        { "GetAlertEndpoint", "GET", "api/alerts/endpoints/{endpointId}" },
        { "UpdateAlertEndpoint", "PATCH", "api/alerts/endpoints/{endpointId}" },
        { "DeleteAlertEndpoint", "DELETE", "api/alerts/endpoints/{endpointId}" },
        { "RotateAlertEndpointSecret", "POST", "api/alerts/endpoints/{endpointId}/secret" },
        { "ListAlertDeliveries", "GET", "api/alerts/endpoints/{endpointId}/deliveries" },
        { "RetryAlertDelivery", "POST", "api/alerts/endpoints/{endpointId}/deliveries/{messageId}/retry" },
        { "SendAlertTest", "POST", "api/alerts/endpoints/{endpointId}/test" },
        { "ManageListAlertRules", "GET", Accounts + "/alerts/rules" },
        { "ManageCreateAlertRule", "POST", Accounts + "/alerts/rules" },
        { "ManageGetAlertRule", "GET", Accounts + "/alerts/rules/{ruleId}" },
        { "ManageReplaceAlertRule", "PUT", Accounts + "/alerts/rules/{ruleId}" },
        { "ManageDeleteAlertRule", "DELETE", Accounts + "/alerts/rules/{ruleId}" },
        { "ManageListAlertEndpoints", "GET", Accounts + "/alerts/endpoints" },
        { "ManageCreateAlertEndpoint", "POST", Accounts + "/alerts/endpoints" },
        { "ManageGetAlertEndpoint", "GET", Accounts + "/alerts/endpoints/{endpointId}" },
        { "ManageUpdateAlertEndpoint", "PATCH", Accounts + "/alerts/endpoints/{endpointId}" },
        { "ManageDeleteAlertEndpoint", "DELETE", Accounts + "/alerts/endpoints/{endpointId}" },
        { "ManageRotateAlertEndpointSecret", "POST", Accounts + "/alerts/endpoints/{endpointId}/secret" },
        { "ManageListAlertDeliveries", "GET", Accounts + "/alerts/endpoints/{endpointId}/deliveries" },
        { "ManageRetryAlertDelivery", "POST", Accounts + "/alerts/endpoints/{endpointId}/deliveries/{messageId}/retry" },
        { "ManageSendAlertTest", "POST", Accounts + "/alerts/endpoints/{endpointId}/test" },
        { "AlertDeliveryTimer", "timer", "%Timers__AlertDelivery%" },
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
            // Every GET also answers HEAD (the real host routes by the trigger's methods).
            Assert.Equal(method == "GET" ? ["GET", "HEAD"] : [method], function.Methods);
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
            // Page files are served without a key, so the probe names ones that exist.
            var path = FunctionsMetadata.SamplePath(function.Route!, "acct_x");
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(function.Methods[0]), path));
            // Unauthenticated, every function refuses in its own way; a path no function serves is the host's 404.
            Assert.True(response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.InternalServerError),
                $"{function.Methods[0]} {path} ({function.Name}) answered {(int)response.StatusCode}");
            Assert.True(response.Content.Headers.ContentLength is null or > 0, $"{function.Name} answered an empty body.");
        }
    }

}
