using UsageFunctions.Domain.Ids;

namespace UsageFunctions.App.Vendors.Ultravox;

/// <summary>
/// Ultravox's OpenAPI declares agent and voice ids as UUIDs, and typed clients parse them as such; ours are free-form.
/// An id that is a UUID is shown as it is; any other as the name-based UUID (v5) of <c>{account}/{kind}/{id}</c> under
/// <see cref="Namespace"/>, so it is stable and never the same for two accounts. Filters accept both forms.
/// </summary>
public sealed class UltravoxIds(string accountId)
{
    public static readonly Guid Namespace = new("b881dc55-e92a-41a6-beb0-d3fe615f96f0");

    public const string Agent = "agent";
    public const string Voice = "voice";

    // A raw scan asks for the same few ids once per call; hashing each once is enough.
    private readonly Dictionary<(string Kind, string Id), string> _presented = [];

    public static bool IsUuid(string id) => Guid.TryParseExact(id, "D", out _);

    public string Present(string kind, string id)
    {
        if (!_presented.TryGetValue((kind, id), out var presented))
            _presented[(kind, id)] = presented = IsUuid(id) ? id : NameBasedUuid.V5(Namespace, $"{accountId}/{kind}/{id}").ToString();
        return presented;
    }
}
