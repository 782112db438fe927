namespace UsageFunctions.Storage.Tables;

/// <summary>The product's tables (before the configured prefix).</summary>
public static class TableNames
{
    public const string Accounts = "Accounts";
    public const string ApiKeys = "ApiKeys";
    public const string RawEvents = "RawEvents";
    public const string ChangedHours = "ChangedHours";
}
