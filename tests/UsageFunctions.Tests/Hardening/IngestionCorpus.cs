using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using UsageFunctions.Domain.Webhooks;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Hardening;

/// <summary>
/// Hostile events for both ingestion routes: text that is not Unicode in every string an event carries, hidden
/// characters in every id, timestamps that are not RFC 3339, and bodies that are not what a route takes.
/// </summary>
public static class IngestionCorpus
{
    /// <summary>Where a text goes: an envelope attribute, a data field, or a metadata value or key.</summary>
    public static readonly string[] TextFields =
        ["id", "source", "type", "time", "subject", "data.callId", "data.agentId", "data.voiceId", "data.phoneNumberId",
         "data.endReason", "data.summary", "data.createdAt", "data.metadata.campaign", "data.metadata.<key>"];

    public static readonly string[] IdFields = ["id", "source", "data.callId", "data.agentId", "data.voiceId", "data.phoneNumberId"];

    /// <summary>Raw bytes that are not UTF-8 (marked by a placeholder replaced after serialization) and lone surrogate escapes.</summary>
    public static readonly string[] NotText = ["@@E9@@", "@@FF@@", "@@C0AF@@", "@@ED A0 80@@", "\\ud800", "\\udfff", "x\\udbff"];

    public static readonly string[] Hidden = ["\u0000", "\u001f", "\u007f", "\u202e", "\u2066", "\u200f"];

    public static readonly string[] NotRfc3339 =
        ["11/20/2026 11:58:30Z", "2026-11-20 11:58:30Z", "2026-11-20T11:58:30." + new string('1', 100) + "Z", "2026-11-20T11:58:30",
         "2026-11-20", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-20T11:58:30+25:00", "\uff12\uff10\uff12\uff16-11-20T11:58:30Z",
         "2026-11-20T11:58:30Z\n"];

    public static IEnumerable<byte[]> EventBodies(DateTimeOffset now)
    {
        foreach (var field in TextFields)
        foreach (var text in NotText)
            yield return Single(now, field, text);
        foreach (var field in IdFields)
        foreach (var text in Hidden)
            yield return Single(now, field, "a" + text + "b");
        foreach (var field in new[] { "time", "data.createdAt", "data.endedAt" })
        foreach (var text in NotRfc3339)
            yield return Single(now, field, text);
    }

    /// <summary>Bodies a route refuses as a whole: malformed, not UTF-8 at all, empty or oversized batches.</summary>
    public static IEnumerable<(byte[] Body, string ContentType)> WholeBodies(DateTimeOffset now)
    {
        yield return ("{\"specversion\":"u8.ToArray(), "application/cloudevents+json");
        yield return (Encoding.Unicode.GetBytes(Baseline(now).ToJsonString()), "application/cloudevents+json");
        yield return ([0xE9, 0xFF, 0xC0, 0xAF], "application/json");
        yield return ("[]"u8.ToArray(), "application/cloudevents-batch+json");
        yield return (Encoding.UTF8.GetBytes(TestEvents.Batch([.. Enumerable.Range(0, 101).Select(_ => Baseline(now))])), "application/cloudevents-batch+json");
        yield return (Encoding.UTF8.GetBytes(Baseline(now).ToJsonString()), "text/plain");
    }

    /// <summary>A valid call (accepted when sent as is), with one field replaced by <paramref name="text"/>.</summary>
    public static byte[] Single(DateTimeOffset now, string field, string text)
    {
        var e = Baseline(now);
        var marker = "@@MARK@@";
        if (field == "data.metadata.<key>") ((JsonObject)e["data"]!["metadata"]!)[marker] = "v";
        else if (field.StartsWith("data.metadata.", StringComparison.Ordinal)) e["data"]!["metadata"]![field[14..]] = marker;
        else if (field.StartsWith("data.", StringComparison.Ordinal)) e["data"]![field[5..]] = marker;
        else e[field] = marker;
        var json = e.ToJsonString().Replace(marker, Escape(text), StringComparison.Ordinal);
        return Bytes(json);
    }

    public static JsonObject Baseline(DateTimeOffset now)
    {
        var call = TestEvents.Call(now.AddHours(-1));
        call["subject"] = "call";
        return call;
    }

    public static HttpRequestMessage Signed(TestAccount account, byte[] body, string contentType, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds();
        var message = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account.Id}/events") { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new(contentType);
        message.Headers.Add("webhook-id", "msg_corpus");
        message.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        message.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(account.Secret, "msg_corpus", timestamp, body));
        return message;
    }

    /// <summary>JSON-escapes the text, keeping <c>\uXXXX</c> escapes and byte placeholders as written.</summary>
    private static string Escape(string text) => text.StartsWith("@@", StringComparison.Ordinal) || text.Contains("\\u", StringComparison.Ordinal)
        ? text
        : JsonValue.Create(text).ToJsonString()[1..^1];

    /// <summary>UTF-8 of the JSON, with each <c>@@HEX@@</c> placeholder replaced by those raw bytes.</summary>
    private static byte[] Bytes(string json)
    {
        var parts = json.Split("@@");
        var bytes = new List<byte>();
        for (var i = 0; i < parts.Length; i++)
            bytes.AddRange(i % 2 == 1 ? Convert.FromHexString(parts[i].Replace(" ", "", StringComparison.Ordinal)) : Encoding.UTF8.GetBytes(parts[i]));
        return [.. bytes];
    }
}
