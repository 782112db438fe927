using Azure.Core;
using Azure.Core.Pipeline;

namespace UsageFunctions.Storage.Tables;

/// <summary>
/// Bounds every try of a table request by the flow's <see cref="StorageDeadline"/>: a try gets the network timeout, or
/// less when less time is left, and no try starts after the deadline. Sits in the per-retry position, so the retry
/// policy's later tries meet it too. A stalled storage service (connections accepted, nothing answered) thus fails the
/// request at its deadline instead of after every try's full network timeout.
/// </summary>
public sealed class DeadlinePolicy(TimeSpan networkTimeout) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Bound(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Bound(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Bound(HttpMessage message)
    {
        if (StorageDeadline.Current is not { } deadline)
        {
            message.NetworkTimeout = networkTimeout;
            return;
        }
        var remaining = deadline.Remaining;
        if (remaining <= TimeSpan.Zero) throw deadline.Exceeded();
        message.NetworkTimeout = remaining < networkTimeout ? remaining : networkTimeout;
    }
}
