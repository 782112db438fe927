using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Domain.Time;

namespace UsageFunctions.Tests.Hardening;

/// <summary>Accounts take canonical IANA zones only, and names without hidden characters.</summary>
public sealed class AccountRulesTests(SharedApp shared) : IClassFixture<SharedApp>
{
    [Theory]
    [InlineData("UTC")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("Etc/GMT+5")]
    public void CanonicalZonesAreAccepted(string zone) => Assert.Null(ZoneNames.Problem(zone));

    [Theory]
    [InlineData("localtime")]
    [InlineData("posixrules")]
    [InlineData("EST5EDT")]
    [InlineData("Factory")]
    [InlineData("right/UTC")]
    [InlineData("../zoneinfo/UTC")]
    [InlineData("Mars/Olympus_Mons")]
    public void HostSpecificRuleBasedAndUnknownZonesAreRefused(string zone) => Assert.NotNull(ZoneNames.Problem(zone));

    [Theory]
    [InlineData("US/Eastern", "America/New_York")]
    [InlineData("Asia/Calcutta", "Asia/Kolkata")]
    public async Task AnAliasIsRefusedNamingTheCanonicalZone(string alias, string canonical)
    {
        using var admin = shared.App.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/manage/accounts", new { name = "Acme", plan = "pro", timeZone = alias });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("timeZone")[0].GetString();
        Assert.Contains($"'{canonical}'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acme\u202eInc")]
    [InlineData("Acme\u0000")]
    [InlineData("Acme\u2066Inc")]
    public async Task AccountNamesWithHiddenCharactersAreRefused(string name)
    {
        using var admin = shared.App.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/manage/accounts", new { name, plan = "pro" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("name")[0].GetString();
        Assert.Contains("control characters", message, StringComparison.Ordinal);
    }
}
