using System.Text;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Hardening;

/// <summary>Hostile query strings and credentials for every read API (ours and each vendor's), and for the management API.</summary>
public static class ReadCorpus
{
    private static readonly string[] Credentials = ["", "ufk_", "ufk_aaaaaaaaaaaa_bbbb", "Basic x", "ufk_-bad-_x", new string('k', 5000)];

    public static IEnumerable<HostileRequest> All(TestAccount a)
    {
        string[] edges =
        [
            "to=0001-01-01T00:00:00Z", "from=0001-01-01&to=0001-01-20", "from=9999-12-01&to=9999-12-31T23:59:59Z",
            "from=9999-12-01&to=9999-12-31T23:59:59Z&grain=day", "from=9999-12-01&to=9999-12-31T23:59:59Z&grain=month",
            "from=9999-12-01&to=9999-12-31T23:59:59Z&grain=hour", "from=9999-12-01&to=9999-12-31T23:59:59Z&grain=day&tz=Pacific/Kiritimati",
            "from=0001-01-01&to=0001-01-20&grain=day&tz=Pacific/Kiritimati", "to=0001-01-01T00:00:00-14:00", "from=9999-12-31T23:59:59%2B14:00",
            "from=not-a-date", "to=2026-13-45", "from=2026-11-20&to=2026-11-19", "from=2020-01-01&to=2026-01-01",
        ];
        foreach (var q in edges) yield return new("GET", "/api/usage?meter=calls&" + q, ErrorShape.Problem, a.ReadKey);
        foreach (var q in edges[..10]) yield return new("GET", "/api/events?" + q, ErrorShape.Problem, a.ReadKey);
        foreach (var q in new[] { "meter=nope", "meter=calls&groupBy=x", "meter=storage_gb&groupBy=agent", "meter=calls&grain=week",
                     "meter=calls&tz=Not/AZone", "meter=calls&tz=..%2F..%2Fetc%2Fpasswd", "meter=calls&tz=%00", "meter=calls&tz=" + new string('A', 3000) })
            yield return new("GET", "/api/usage?" + q, ErrorShape.Problem, a.ReadKey);
        foreach (var c in Credentials)
        {
            yield return new("GET", "/api/usage?meter=calls", ErrorShape.Problem, c);
            yield return new("GET", "/api/usage/period", ErrorShape.Problem, c);
            yield return new("GET", "/api/events", ErrorShape.Problem, c);
            yield return new("GET", "/vocode/v1/usage", ErrorShape.Detail, c);
            yield return new("GET", "/agentphone/v1/usage", ErrorShape.AgentPhone, c);
            yield return new("GET", "/agentphone/v1/usage/by-number", ErrorShape.AgentPhone, c);
            yield return new("GET", "/ultravox/api/accounts/me/usage/calls", ErrorShape.Detail, c);
            yield return new("GET", "/ultravox/api/agents/usage", ErrorShape.Detail, c);
            yield return new("GET", "/billing/api/billing/usage", ErrorShape.Billing, c);
        }
        yield return new("GET", "/vocode/v1/usage", ErrorShape.Detail, a.WriteKey);
        foreach (var q in new[] { "days=0", "days=-1", "days=366", "days=abc", "days=1e3", "days=99999999999", "days=%00" })
            yield return new("GET", "/agentphone/v1/usage/daily?" + q, ErrorShape.AgentPhone, a.ReadKey);
        foreach (var q in new[] { "months=0", "months=25", "months=abc", "months=-2147483648" })
            yield return new("GET", "/agentphone/v1/usage/monthly?" + q, ErrorShape.AgentPhone, a.ReadKey);
        foreach (var q in new[] { "period=decade", "", "period=week&tz=Not/AZone", "period=month&tz=%00", "period=year&tz=..%2F..%2Fetc" })
            yield return new("GET", "/agentphone/v1/usage/by-agent?" + q, ErrorShape.AgentPhone, a.ReadKey);
        string[] ultravox =
        [
            "toDate=0001-01-01", "fromDate=0001-01-01", "fromDate=9999-12-31", "toDate=9999-12-31", "fromDate=0001-01-01T00:00:00Z",
            "toDate=0001-01-01T00:00:00%2B14:00", "fromDate=abc", "toDate=2026-02-30", "fromDate=2026-11-20&toDate=2026-11-01",
            "durationMin=abc", "durationMin=-5s", "durationMax=1e400s", "durationMin=10s&durationMax=5s", "timeOfDayStart=25:00",
            "timeOfDayEnd=x", "agentIds=,", "search=%20%20", "voiceId=%20", "metadata.=x",
        ];
        foreach (var q in ultravox)
        {
            yield return new("GET", "/ultravox/api/accounts/me/usage/calls?" + q, ErrorShape.Detail, a.ReadKey);
            yield return new("GET", "/ultravox/api/agents/usage?" + q, ErrorShape.Detail, a.ReadKey);
        }
        foreach (var q in new[] { "startDate=0001-01-01", "endDate=0001-01-01", "startDate=9999-12-31", "endDate=9999-12-31T23:59:59Z",
                     "startDate=abc", "startDate=2026-02-30", "startDate=2026-11-20&endDate=2026-11-01", "metrics=nope", "startDate=2000-01-01",
                     "startDate=0001-01-01T00:00:00Z", "endDate=9999-12-31T23:59:59%2B14:00" })
            yield return new("GET", "/billing/api/billing/usage?" + q, ErrorShape.Billing, a.ReadKey);
        foreach (var request in Management(a)) yield return request;
    }

    private static IEnumerable<HostileRequest> Management(TestAccount a)
    {
        const string admin = UsageAppFactory.AdminKey;
        var root = "/api/manage/accounts";
        foreach (var zone in new[] { "localtime", "posixrules", "EST5EDT", "US/Eastern", "Asia/Calcutta", "Etc/Universal", "GMT", "../../etc/passwd", "", "Not/AZone", "Factory" })
            yield return Json("POST", root, $$"""{"name":"n","plan":"pro","timeZone":"{{zone}}"}""");
        foreach (var name in new[] { "a\\u0000b", "a\\u001fb", "a\\u007f", "a\\u202eb", "a\\u2066b", "a\\u200fb", "\\ud800", "", "   " })
            yield return Json("POST", root, $$"""{"name":"{{name}}","plan":"pro"}""");
        yield return new("POST", root, ErrorShape.Problem, admin, [0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D]);
        yield return Json("POST", root, """{"name":"n","plan":"pro","billingAnchorDay":99999999999}""");
        yield return Json("POST", root, """{"name":"n","plan":"../x"}""");
        yield return Json("POST", $"{root}/{a.Id}/keys", """{"name":"a\u202eb","scopes":["usage:read"]}""");
        yield return Json("POST", $"{root}/{a.Id}/keys", """{"name":"k","scopes":["root"]}""");
        yield return Json("POST", $"{root}/{a.Id}/keys", """{"name":"\udc00","scopes":["usage:read"]}""");
        yield return Json("PUT", $"{root}/{a.Id}/agents/agent%E2%80%AEx", """{"name":"x"}""");
        yield return Json("PUT", $"{root}/{a.Id}/agents/agent_1", """{"name":"a\u2066b"}""");
        yield return Json("PUT", $"{root}/{a.Id}/voices/voice%20x", """{"name":"x"}""");
        yield return Json("PUT", $"{root}/{a.Id}/phone-numbers/num_1", """{"number":"+1","country":"US"}""");
        yield return Json("PUT", $"{root}/{a.Id}/phone-numbers/num_1", """{"number":"+14155550100","country":"US","agentId":"a\u0000"}""");
        foreach (var id in new[] { "acct_doesnotexist", "acct_%20x", "x%E2%80%AE" })
        {
            yield return new("GET", $"{root}/{id}", ErrorShape.Problem, admin);
            yield return new("GET", $"{root}/{id}/keys", ErrorShape.Problem, admin);
            yield return new("GET", $"{root}/{id}/resources", ErrorShape.Problem, admin);
            yield return Json("PUT", $"{root}/{id}/agents/agent_1", """{"name":"x"}""");
        }
        yield return new("DELETE", $"{root}/{a.Id}/keys/doesnotexist", ErrorShape.Problem, admin);
        foreach (var hours in new[] { "-1", "99999999999", "abc", "721" })
            yield return new("POST", $"{root}/{a.Id}/webhook-secrets?graceHours={hours}", ErrorShape.Problem, admin);
        yield return new("GET", $"{root}/{a.Id}", ErrorShape.Problem, "wrong-admin-key");
    }

    private static HostileRequest Json(string method, string path, string json) =>
        new(method, path, ErrorShape.Problem, UsageAppFactory.AdminKey, Encoding.UTF8.GetBytes(json));
}
