using Azure;

namespace UsageFunctions.Storage.Tables;

/// <summary>
/// Recognises storage being unreachable or refusing: a service error, or the aggregate the Azure SDK throws when
/// every retry of a request failed in transport.
/// </summary>
public static class StorageFailures
{
    public static bool IsStorageFailure(Exception exception) => exception switch
    {
        StorageUnavailableException or RequestFailedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsStorageFailure),
        HttpRequestException or IOException => true,
        _ => false,
    };
}
