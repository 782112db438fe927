using Azure;

namespace UsageFunctions.Storage.Tables;

/// <summary>
/// Recognises storage being unreachable, refusing or stalled: a service error, or the aggregate the Azure SDK throws
/// when every try of a request failed in transport or ran past its network timeout (the SDK retries a cancellation only
/// when it was its own timeout, never the caller's, so a cancellation inside that aggregate is a timeout).
/// </summary>
public static class StorageFailures
{
    public static bool IsStorageFailure(Exception exception) => exception switch
    {
        StorageUnavailableException or RequestFailedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(e => e is OperationCanceledException || IsStorageFailure(e)),
        HttpRequestException or IOException or TimeoutException => true,
        OperationCanceledException { InnerException: { } inner } => inner is TimeoutException || IsStorageFailure(inner),
        _ => false,
    };
}
