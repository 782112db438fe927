namespace UsageFunctions.Storage.Tables;

/// <summary>Storage could not durably complete a write; the caller must not acknowledge it.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
