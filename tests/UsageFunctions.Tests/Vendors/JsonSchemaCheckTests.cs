using System.Text.Json;

namespace UsageFunctions.Tests.Vendors;

public sealed class JsonSchemaCheckTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Theory]
    [InlineData("{\"daily\":[],\"hourly\":[]}", "missing required 'allTime'")]
    [InlineData("{\"allTime\":{\"totalCount\":1.5,\"errorCount\":0,\"duration\":\"0s\",\"joinedCount\":0,\"billedMinutes\":0},\"daily\":[],\"hourly\":[]}", "expected integer")]
    [InlineData("{\"allTime\":{\"totalCount\":1,\"errorCount\":0,\"duration\":\"0s\",\"joinedCount\":0,\"billedMinutes\":0},\"daily\":[{\"totalCount\":1,\"errorCount\":0,\"duration\":\"0s\",\"joinedCount\":0,\"billedMinutes\":0,\"date\":\"20-11-2026\"}],\"hourly\":[]}", "is not a date")]
    [InlineData("{\"allTime\":{\"totalCount\":1,\"errorCount\":0,\"duration\":\"0s\",\"joinedCount\":0,\"billedMinutes\":0,\"extra\":1},\"daily\":[],\"hourly\":[]}", "unexpected property 'extra'")]
    public void CheckerRejectsDocumentsThatBreakTheSchema(string document, string expected)
    {
        var errors = JsonSchemaCheck.Errors(JsonSchemaCheck.Load("ultravox-call-usage.json"), Json(document));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void CheckerRejectsAValueOutsideAnEnum()
    {
        var errors = JsonSchemaCheck.Errors(JsonSchemaCheck.Load("billing-error.json"),
            Json("{\"success\":false,\"error\":{\"code\":\"OOPS\",\"message\":\"x\"}}"));
        Assert.Single(errors);
    }
}
