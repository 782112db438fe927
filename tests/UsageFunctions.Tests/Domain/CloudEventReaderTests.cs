using System.Text.Json.Nodes;
using UsageFunctions.Domain.Events;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Domain;

public class CloudEventReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static EventReadResult Read(JsonNode node) => CloudEventReader.Read(TestEvents.Element(node), Now);

    [Fact]
    public void ValidCallIsReadWithItsCreationTimeAsCountingInstant()
    {
        var created = Now.AddHours(-3);
        var result = Read(TestEvents.Call(created, 125.5));
        var call = Assert.IsType<CallEnded>(result.Event!.Payload);
        Assert.Null(result.Rejection);
        Assert.Equal(created, result.Event.OccurredAt);
        Assert.Equal(125.5, call.DurationSeconds);
        Assert.Equal("spring", call.Metadata["campaign"]);
        Assert.True(call.Joined);
    }

    [Theory]
    [InlineData("usage.message.sent")]
    [InlineData("usage.message.received")]
    [InlineData("usage.webhook.delivery.succeeded")]
    [InlineData("usage.webhook.delivery.failed")]
    [InlineData("usage.api.request")]
    [InlineData("usage.email.sent")]
    [InlineData("usage.webhook.event.processed")]
    public void CountableEventsNeedNoData(string type)
    {
        var result = Read(TestEvents.Event(type, Now, []));
        Assert.Null(result.Rejection);
        Assert.Equal(type, result.Event!.Type);
    }

    [Theory]
    [InlineData("usage.bandwidth.used", "bytes", 1024)]
    [InlineData("usage.storage.level", "gigabytes", 67.5)]
    [InlineData("usage.seats.level", "seats", 7)]
    public void QuantityAndLevelEventsRequireTheirAmount(string type, string field, double amount)
    {
        Assert.Equal(RejectionCodes.MissingField, Read(TestEvents.Event(type, Now, [])).Rejection!.Code);
        Assert.Null(Read(TestEvents.Event(type, Now, new JsonObject { [field] = amount })).Rejection);
        Assert.Equal(RejectionCodes.InvalidField, Read(TestEvents.Event(type, Now, new JsonObject { [field] = -1 })).Rejection!.Code);
    }

    public static TheoryData<string, Action<JsonObject>> EnvelopeViolations => new()
    {
        { RejectionCodes.InvalidField, e => e["specversion"] = "0.3" },
        { RejectionCodes.MissingField, e => e.Remove("id") },
        { RejectionCodes.MissingField, e => e["id"] = "" },
        { RejectionCodes.InvalidField, e => e["id"] = new string('x', 257) },
        { RejectionCodes.MissingField, e => e.Remove("source") },
        { RejectionCodes.MissingField, e => e.Remove("type") },
        { RejectionCodes.UnknownType, e => e["type"] = "usage.unknown" },
        { RejectionCodes.MissingField, e => e.Remove("time") },
        { RejectionCodes.InvalidField, e => e["time"] = "yesterday" },
        { RejectionCodes.InvalidField, e => e["time"] = "2026-11-20T10:00:00" },
        { RejectionCodes.InvalidField, e => e["id"] = 42 },
        { RejectionCodes.MissingField, e => e.Remove("data") },
        { RejectionCodes.InvalidField, e => e["data"] = "text" },
        { RejectionCodes.InvalidField, e => e["datacontenttype"] = "text/plain" },
        { RejectionCodes.InvalidField, e => e["data_base64"] = "AAAA" },
        { RejectionCodes.TooOld, e => e["time"] = Now.AddDays(-36).ToString("O") },
        { RejectionCodes.InFuture, e => e["time"] = Now.AddMinutes(6).ToString("O") },
        { RejectionCodes.TooLarge, e => e["data"]!["padding"] = new string('x', EventLimits.MaxEventBytes) },
    };

    [Theory]
    [MemberData(nameof(EnvelopeViolations))]
    public void EnvelopeViolationsAreRejectedWithTheirReason(string code, Action<JsonObject> breakIt)
    {
        var message = TestEvents.Message(Now);
        breakIt(message);
        Assert.Equal(code, Read(message).Rejection?.Code);
    }

    public static TheoryData<string, Action<JsonObject>> CallViolations => new()
    {
        { RejectionCodes.MissingField, d => d.Remove("callId") },
        { RejectionCodes.MissingField, d => d.Remove("createdAt") },
        { RejectionCodes.MissingField, d => d.Remove("endedAt") },
        { RejectionCodes.MissingField, d => d.Remove("durationSeconds") },
        { RejectionCodes.MissingField, d => d.Remove("endReason") },
        { RejectionCodes.InvalidField, d => d["durationSeconds"] = "90" },
        { RejectionCodes.InvalidField, d => d["durationSeconds"] = -1 },
        { RejectionCodes.InvalidField, d => d["billedSeconds"] = "lots" },
        { RejectionCodes.InvalidField, d => d["endReason"] = "exploded" },
        { RejectionCodes.InvalidField, d => d["billingStatus"] = "MAYBE" },
        { RejectionCodes.InvalidField, d => d["metadata"] = new JsonObject { ["n"] = 1 } },
        { RejectionCodes.InvalidField, d => d["metadata"] = "x" },
        { RejectionCodes.InvalidField, d => d["createdAt"] = "2026-11-20" },
        { RejectionCodes.InvalidField, d => d["endedAt"] = DateTimeOffset.Parse(d["createdAt"]!.ToString()).AddSeconds(-1).ToString("O") },
        { RejectionCodes.InvalidField, d => d["direction"] = "sideways" },
        { RejectionCodes.InvalidField, d => d["summary"] = new string('s', EventLimits.MaxTextLength + 1) },
        { RejectionCodes.TooOld, d => d["createdAt"] = Now.AddDays(-40).ToString("O") },
    };

    [Theory]
    [MemberData(nameof(CallViolations))]
    public void CallDataViolationsAreRejectedWithTheirReason(string code, Action<JsonObject> breakIt)
    {
        var call = TestEvents.Call(Now.AddHours(-1));
        breakIt((JsonObject)call["data"]!);
        Assert.Equal(code, Read(call).Rejection?.Code);
    }

    [Fact]
    public void PhoneNumberEventsNeedAnE164Number()
    {
        var good = TestEvents.Event(EventTypes.PhoneNumberProvisioned, Now, new JsonObject { ["phoneNumberId"] = "n1", ["phoneNumber"] = "+14155550100" });
        var bad = TestEvents.Event(EventTypes.PhoneNumberProvisioned, Now, new JsonObject { ["phoneNumberId"] = "n1", ["phoneNumber"] = "555-0100" });
        Assert.Null(Read(good).Rejection);
        Assert.Equal(RejectionCodes.InvalidField, Read(bad).Rejection!.Code);
    }

    [Fact]
    public void NonObjectIsRejected() =>
        Assert.Equal(RejectionCodes.InvalidEnvelope, CloudEventReader.Read(TestEvents.Element(JsonValue.Create(3)!), Now).Rejection!.Code);

    [Fact]
    public void IdentityHashSeparatesSourceFromId()
    {
        Assert.NotEqual(EventIdentity.Hash("a", "bc"), EventIdentity.Hash("ab", "c"));
        Assert.Equal(EventIdentity.Hash("s", "1"), EventIdentity.Hash("s", "1"));
    }
}
