using System.Text;
using System.Text.RegularExpressions;

using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Functions;

/// <summary>Nothing a client sends may produce a 500: every catalog route gets malformed input with and without valid keys.</summary>
public sealed partial class HostileInputTests : AppTest
{
    private static readonly (string ContentType, string Body)[] Bodies =
    [
        ("application/json", "{bad json"),
        ("application/json", "[]"),
        ("application/json", "null"),
        ("application/json", "{\"name\":42,\"plan\":[],\"billingAnchorDay\":\"x\",\"timeZone\":{},\"scopes\":\"usage:read\"}"),
        ("application/cloudevents-batch+json", "[1,\"x\",null,{\"specversion\":\"1.0\",\"data\":{\"durationSeconds\":1e400}}]"),
        ("application/cloudevents+json", "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"usage.call.ended\",\"time\":\"9999-12-31T23:59:59Z\",\"data\":{}}"),
        ("text/plain", "\u0000\u0001"),
    ];

    private static readonly string[] Queries =
    [
        "",
        "?from=not-a-date&to=2026-13-45&limit=-1&days=abc&months=999999999999&period=decade&tz=Not/AZone",
        "?startDate=2026-02-30&endDate=x&metrics=,,,&agentIds=%00&durationMin=-5s&timeOfDayStart=25:99&graceHours=99999999999",
        "?fromDate=2026-01-01T00:00:00&toDate=2025-01-01&metadata.k=&search=&voiceId=%2F%5C%23",
    ];

    [Fact]
    public async Task MalformedRequestsNeverCauseServerErrors()
    {
        var account = await TestAccount.CreateAsync(App);
        var credentials = new[] { (string?)null, UsageAppFactory.AdminKey, account.WriteKey, account.ReadKey, "ufk_bad_key" };
        using var client = App.CreateClient();
        var failures = new List<string>();
        foreach (var function in FunctionsMetadata.Http)
        {
            var path = "/" + Placeholder().Replace(function.Route!, account.Id);
            foreach (var method in function.Methods)
            foreach (var credential in credentials)
            foreach (var query in Queries)
            foreach (var (contentType, body) in method == "GET" ? Bodies[..1] : Bodies)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path + query);
                if (credential is not null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + credential);
                    request.Headers.TryAddWithoutValidation("X-API-Key", credential);
                }
                if (method != "GET") request.Content = new StringContent(body, Encoding.UTF8, contentType);
                var response = await client.SendAsync(request);
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{method} {path}{query} [{contentType}] → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        Assert.Empty(failures);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
