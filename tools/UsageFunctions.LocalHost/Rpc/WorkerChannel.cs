using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace UsageFunctions.LocalHost.Rpc;

/// <summary>
/// The host's end of one worker's event stream: requests go out with a fresh <c>request_id</c>, which the worker echoes
/// on its response; logs from the worker go to the host's log.
/// </summary>
public sealed class WorkerChannel(string workerId, ILogger<WorkerChannel> logger)
{
    private readonly TaskCompletionSource<IServerStreamWriter<StreamingMessage>> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new();
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _end = new();

    public string WorkerId { get; } = workerId;

    /// <summary>Completes when the worker has opened its stream.</summary>
    public Task Connected => _stream.Task;

    /// <summary>Completes when the stream has ended.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Cancelled when the host ends the stream (after the worker was told to terminate).</summary>
    public CancellationToken Ending => _end.Token;

    public bool Attach(IServerStreamWriter<StreamingMessage> writer) => _stream.TrySetResult(writer);

    /// <summary>Ends the stream from the host's side, so stopping the host does not wait for the worker to hang up.</summary>
    public void End() => _end.Cancel();

    public void Detach()
    {
        _closed.TrySetResult();
        foreach (var pending in _pending.Values) pending.TrySetException(new IOException("The worker's event stream ended."));
    }

    /// <summary>Sends <paramref name="message"/> and waits for the worker's answer to it.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        message.RequestId = Guid.NewGuid().ToString();
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[message.RequestId] = answer;
        try
        {
            if (_closed.Task.IsCompleted) throw new IOException("The worker's event stream has ended.");
            await SendAsync(message, cancellationToken);
            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(message.RequestId, out _);
        }
    }

    public async Task SendAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        var writer = await _stream.Task.WaitAsync(cancellationToken);
        await _write.WaitAsync(cancellationToken);
        try
        {
            await writer.WriteAsync(message, cancellationToken);
        }
        finally
        {
            _write.Release();
        }
    }

    public void Receive(StreamingMessage message)
    {
        if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
        {
            Log(message.RpcLog);
            return;
        }
        if (_pending.TryGetValue(message.RequestId, out var answer)) answer.TrySetResult(message);
        else logger.LogDebug("Unrequested {Message} from worker {WorkerId}", message.ContentCase, WorkerId);
    }

    private void Log(RpcLog log)
    {
        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        if (!logger.IsEnabled(level)) return;
        var error = log.Exception is { Message.Length: > 0 } e ? "\n" + e.Message : "";
        logger.Log(level, "[{Category}] {Message}{Exception}", log.Category, log.Message, error);
    }
}
