using System.Text;
using System.Text.Json;
using UsageFunctions.Domain.Events;
using UsageFunctions.Domain.Time;

namespace UsageFunctions.Tests.Hardening;

/// <summary>What an event's text must be: Unicode, ids without hidden characters, RFC 3339 timestamps; identities that cannot collide.</summary>
public sealed class EventTextRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> NotTextEverywhere()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in IngestionCorpus.TextFields)
        foreach (var text in IngestionCorpus.NotText)
            data.Add(field, text);
        return data;
    }

    [Theory]
    [MemberData(nameof(NotTextEverywhere))]
    public void TextThatIsNotUnicodeRejectsTheEventWithItsReason(string field, string text)
    {
        var result = Read(IngestionCorpus.Single(Now, field, text));
        Assert.Null(result.Event);
        Assert.Equal(field.StartsWith("data", StringComparison.Ordinal) ? RejectionCodes.InvalidField : RejectionCodes.InvalidEnvelope,
            result.Rejection!.Code);
        Assert.Contains("Unicode", result.Rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("data.callId")]
    [InlineData("data.agentId")]
    [InlineData("data.voiceId")]
    [InlineData("data.phoneNumberId")]
    public void HiddenCharactersInIdsAreRejectedWithAClearReason(string field)
    {
        foreach (var hidden in IngestionCorpus.Hidden)
        {
            var result = Read(IngestionCorpus.Single(Now, field, "a" + hidden + "b"));
            Assert.Equal(RejectionCodes.InvalidField, result.Rejection?.Code);
            Assert.Equal($"'{field}' must be free of control characters and bidirectional formatting characters.", result.Rejection!.Message);
        }
    }

    [Fact]
    public void OnlyRfc3339TimestampsAreRead()
    {
        foreach (var text in IngestionCorpus.NotRfc3339) Assert.False(Rfc3339.TryParse(text, out _), text);
        Assert.True(Rfc3339.TryParse("2026-11-20T11:58:30Z", out var plain));
        Assert.True(Rfc3339.TryParse("2026-11-20t11:58:30.1234567+05:30", out var fraction));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 11, 58, 30, TimeSpan.Zero), plain);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 6, 28, 30, 123, TimeSpan.Zero).AddTicks(4567), fraction.ToUniversalTime());
        Assert.False(Rfc3339.TryParse("2026-11-20T11:58:30.12345678Z", out _));
    }

    [Fact]
    public void ARejectedCallNamesItsFieldOnce()
    {
        var call = IngestionCorpus.Baseline(Now);
        call["data"]!["endedAt"] = Now.AddDays(-2).ToString("O");
        var result = Read(Encoding.UTF8.GetBytes(call.ToJsonString()));
        Assert.Equal("'data.endedAt' must be at or after data.createdAt.", result.Rejection!.Message);
    }

    [Fact]
    public void IdentitiesWithSeparatorsInsideThemStayApart()
    {
        Assert.NotEqual(EventIdentity.Hash("/p\u0000x", "c"), EventIdentity.Hash("/p", "x\u0000c"));
        Assert.NotEqual(EventIdentity.Hash("3", "a\u0000b\u0000c"), EventIdentity.Hash("a\u0000b", "c"));
        // Ordinary identities keep the hash they were stored under: SHA-256 of "source\0id".
        var legacy = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("/tests\u0000call-1"u8.ToArray()).AsSpan(0, 16));
        Assert.Equal(legacy, EventIdentity.Hash("/tests", "call-1"));
    }

    private static EventReadResult Read(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return CloudEventReader.Read(document.RootElement, Now);
    }
}
