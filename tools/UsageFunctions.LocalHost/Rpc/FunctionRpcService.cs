using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace UsageFunctions.LocalHost.Rpc;

/// <summary>
/// <c>FunctionRpc.EventStream</c>: the worker calls it once, opens with <c>StartStream</c> carrying the id it was
/// started with, and keeps the stream for everything that follows.
/// </summary>
public sealed class FunctionRpcService(WorkerChannel channel, ILogger<FunctionRpcService> logger) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken)
            || requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream
            || requestStream.Current.StartStream.WorkerId != channel.WorkerId
            || !channel.Attach(responseStream))
        {
            logger.LogWarning("Refused an event stream that did not start with this host's worker id");
            return;
        }
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, channel.Ending);
        try
        {
            while (await requestStream.MoveNext(ending.Token)) channel.Receive(requestStream.Current);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException)
        {
            // The worker went away, or the host is stopping.
        }
        finally
        {
            channel.Detach();
        }
    }
}
