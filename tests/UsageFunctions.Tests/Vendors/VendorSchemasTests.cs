using System.Text.Json;

namespace UsageFunctions.Tests.Vendors;

/// <summary>The schemas reject what the vendors would not send, so a passing contract check means something.</summary>
public sealed class VendorSchemasTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Theory]
    [InlineData("ultravox-call-usage.json", "{\"daily\":[],\"hourly\":[]}")]
    [InlineData("ultravox-call-usage.json", "{\"allTime\":{\"totalCount\":1.5,\"errorCount\":0,\"duration\":\"0s\",\"joinedCount\":0,\"billedMinutes\":0},\"daily\":[],\"hourly\":[]}")]
    [InlineData("ultravox-call-usage.json", "{\"allTime\":{\"totalCount\":1,\"errorCount\":0,\"duration\":\"0s\",\"joinedCount\":0,\"billedMinutes\":0,\"extra\":1},\"daily\":[],\"hourly\":[]}")]
    [InlineData("billing-error.json", "{\"success\":false,\"error\":{\"code\":\"OOPS\",\"message\":\"x\"}}")]
    [InlineData("vocode-usage.json", "{\"user_id\":\"a\",\"plan_type\":\"gold\",\"monthly_usage_minutes\":1,\"monthly_usage_limit_minutes\":2}")]
    [InlineData("agentphone-by-agent.json", "{\"data\":[{\"agentId\":null,\"agentName\":\"Unassigned\",\"messages\":1,\"calls\":1,\"totalSeconds\":1}],\"period\":\"week\",\"periodStart\":\"2026-11-16T00:00:00Z\",\"periodEnd\":\"2026-11-22T23:59:59Z\"}")]
    public void SchemasRejectDocumentsThatBreakThem(string schema, string document) =>
        Assert.NotEmpty(VendorSchemas.For(schema).Errors(Json(document)));
}
