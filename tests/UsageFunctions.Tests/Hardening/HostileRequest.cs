using System.Net.Http.Headers;
using System.Text.Json;

namespace UsageFunctions.Tests.Hardening;

/// <summary>The error shape each API documents; a hostile request must be answered in its API's shape.</summary>
public enum ErrorShape
{
    /// <summary>Our own API and the management API: RFC 9457 problem details.</summary>
    Problem,
    /// <summary>Vocode (FastAPI) and Ultravox (Django REST): <c>{"detail"}</c>, or DRF's <c>{"field":[...]}</c>.</summary>
    Detail,
    AgentPhone,
    Billing,
}

/// <summary>One input of the hostile corpus: a request and the API whose error shape it must be answered in.</summary>
public sealed record HostileRequest(string Method, string Path, ErrorShape Shape, string? Credential = null, byte[]? Body = null,
    string? ContentType = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public string Describe => $"{Method} {Path} [{Credential?[..Math.Min(8, Credential.Length)]}] {(Body is null ? "" : Convert.ToHexString(Body.AsSpan(0, Math.Min(Body.Length, 48))))}";

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Credential is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Credential);
            message.Headers.TryAddWithoutValidation("X-API-Key", Credential);
        }
        foreach (var (name, value) in Headers ?? new Dictionary<string, string>()) message.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType ?? "application/json");
        }
        return message;
    }

    /// <summary>Null when the answer has the shape of this request's API, else what is wrong.</summary>
    public static string? ShapeProblem(ErrorShape shape, string? contentType, string body)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return $"not JSON: {body}";
        }
        var ok = shape switch
        {
            ErrorShape.Problem => contentType == "application/problem+json" && root.TryGetProperty("title", out _) && root.TryGetProperty("status", out _),
            ErrorShape.Detail => root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("detail", out _)
                || root.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Array)),
            ErrorShape.AgentPhone => root.TryGetProperty("error", out var e) && e.TryGetProperty("code", out _) && e.TryGetProperty("message", out _),
            ErrorShape.Billing => root.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.False && root.TryGetProperty("error", out _),
            _ => false,
        };
        return ok ? null : $"not the {shape} shape ({contentType}): {body}";
    }
}
