namespace UsageFunctions.Bench;

/// <summary>Hands a process's output lines to whoever waits for the next line of a kind; lines nobody waits for are dropped.</summary>
public sealed class LineWaiters
{
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Line)> _waiting = [];

    public Task<string> Next(Func<string, bool> match)
    {
        var line = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting) _waiting.Add((match, line));
        return line.Task;
    }

    public void Offer(string line)
    {
        lock (_waiting)
        {
            foreach (var waiter in _waiting.Where(w => w.Match(line)).ToList())
            {
                waiter.Line.TrySetResult(line);
                _waiting.Remove(waiter);
            }
        }
    }
}
