using Microsoft.AspNetCore.SignalR.Client;

namespace Reception.Dashboard.Client;

/// <summary>One hub connection's life: it ends when the server closes it, when it goes quiet, or when a read on it fails.</summary>
internal sealed class FeedSession(HubConnection connection)
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubConnection Connection { get; } = connection;

    /// <summary>Completes when every followed site has been joined and caught up on this connection.</summary>
    public Task Synced => _synced.Task;

    public Task Ended => _ended.Task;

    public bool IsOver => _ended.Task.IsCompleted;

    public void MarkSynced() => _synced.TrySetResult();

    public void End(Exception? reason = null)
    {
        if (_synced.TrySetException(reason ?? new InvalidOperationException("The connection ended before it was in sync.")))
        {
            _ = _synced.Task.Exception; // observed here, so a fault nobody waits for is not reported as unobserved
        }

        _ended.TrySetResult();
    }
}
