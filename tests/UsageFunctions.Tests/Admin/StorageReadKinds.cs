using System.Text;
using System.Text.RegularExpressions;

namespace UsageFunctions.Tests.Admin;

public enum StorageReadKind
{
    /// <summary>Not a read of entities: a write, a batch, a table's creation.</summary>
    NotARead,
    PointRead,
    /// <summary><c>PartitionKey eq '…'</c>, optionally and-ed with other conditions (which the service checks within that partition).</summary>
    SinglePartition,
    /// <summary>A PartitionKey range (bounded by key, not by a property).</summary>
    PartitionRange,
    /// <summary>Anything else: a filter the service answers by reading every partition.</summary>
    Scan,
}

/// <summary>Reads a table request's $filter the way the service plans it: which partitions it must read.</summary>
public static partial class StorageReadKinds
{
    public static StorageReadKind Of(string method, string resource, string? filter)
    {
        if (method != "GET" || resource.StartsWith("Tables", StringComparison.Ordinal)) return StorageReadKind.NotARead;
        if (resource.Contains("PartitionKey='", StringComparison.Ordinal)) return StorageReadKind.PointRead;
        if (filter is null) return StorageReadKind.Scan;
        var tokens = Tokens(filter);
        var properties = tokens.Where(t => t is not ("and" or "or" or "not" or "eq" or "ne" or "ge" or "gt" or "le" or "lt" or "(" or ")")).ToList();
        if (!properties.Contains("PartitionKey") || TopLevelOr(tokens)) return StorageReadKind.Scan;
        if (filter.StartsWith("PartitionKey eq '", StringComparison.Ordinal) && properties.Count(p => p == "PartitionKey") == 1)
            return StorageReadKind.SinglePartition;
        return StorageReadKind.PartitionRange;
    }

    /// <summary>The text of the quoted literal <paramref name="text"/> starts with ('' is a quote).</summary>
    public static string Unquote(string text)
    {
        var value = new StringBuilder();
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] != '\'') value.Append(text[i]);
            else if (i + 1 < text.Length && text[i + 1] == '\'') value.Append(text[++i]);
            else break;
        }
        return value.ToString();
    }

    /// <summary>The filter's words and parentheses outside quoted literals.</summary>
    private static List<string> Tokens(string filter) =>
        [.. Literal().Replace(filter, " ").Replace("(", " ( ").Replace(")", " ) ").Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>An <c>or</c> outside every parenthesis: the alternatives are not bounded by the leading key condition.</summary>
    private static bool TopLevelOr(List<string> tokens)
    {
        var depth = 0;
        foreach (var token in tokens)
        {
            depth += token == "(" ? 1 : token == ")" ? -1 : 0;
            if (depth == 0 && token == "or") return true;
        }
        return false;
    }

    [GeneratedRegex("'(?:[^']|'')*'")]
    private static partial Regex Literal();
}
