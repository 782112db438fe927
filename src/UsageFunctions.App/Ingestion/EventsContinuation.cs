using System.Buffers.Text;
using System.Text.Json;
using UsageFunctions.Storage.Events;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.App.Ingestion;

/// <summary>
/// Where the next page of <c>GET /api/events</c> starts: opaque to clients (base64url JSON) and bound to the account
/// that asked. A token of another account is refused; a hand-made one can only move within the caller's own events,
/// because every page query is bounded to the caller's partitions whatever the token says.
/// </summary>
public sealed record EventsContinuation(string Account, DateTimeOffset From, DateTimeOffset To, bool IncludeVoided, string Partition, string Row)
{
    public EventCursor Cursor => new(Partition, Row);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static EventsContinuation? Decode(string text, string accountId)
    {
        try
        {
            var token = JsonSerializer.Deserialize<EventsContinuation>(Base64Url.DecodeFromChars(text));
            return token is not null && token.Account == accountId && token.From < token.To
                   && token.Partition?.StartsWith(accountId + StorageKeys.Separator, StringComparison.Ordinal) == true && token.Row is not null
                ? token
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
