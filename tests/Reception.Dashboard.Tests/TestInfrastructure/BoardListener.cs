using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Tests.TestInfrastructure;

/// <summary>A real SignalR client joined to one site, recording what the hub pushes.</summary>
public sealed class BoardListener : IAsyncDisposable
{
    private readonly Channel<BoardEvent> _events = Channel.CreateUnbounded<BoardEvent>();
    private readonly Channel<Heartbeat> _heartbeats = Channel.CreateUnbounded<Heartbeat>();
    private readonly List<BoardEvent> _early = [];

    private BoardListener(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }
    public StreamPosition? Joined { get; private set; }

    public static async Task<BoardListener> JoinAsync(TestApp app, Guid siteId)
    {
        var listener = new BoardListener(app.HubConnection());
        listener.Connection.On<BoardEvent>("ReceiveEvent", listener.Receive);
        listener.Connection.On<Heartbeat>("ReceiveHeartbeat", h => listener._heartbeats.Writer.TryWrite(h));
        await listener.Connection.StartAsync();
        var joined = await listener.Connection.InvokeAsync<StreamPosition>("JoinSite", siteId);
        lock (listener._early)
        {
            listener.Joined = joined;
            foreach (var e in listener._early.Where(e => e.Seq > joined.LastSeq).OrderBy(e => e.Seq))
            {
                listener._events.Writer.TryWrite(e);
            }
        }

        return listener;
    }

    /// <summary>As a real client does: holds pushes until JoinSite answers, then drops those at or below its position.</summary>
    private void Receive(BoardEvent e)
    {
        lock (_early)
        {
            if (Joined is null)
            {
                _early.Add(e);
            }
            else if (e.Seq > Joined.LastSeq)
            {
                _events.Writer.TryWrite(e);
            }
        }
    }

    public async Task<List<BoardEvent>> NextEventsAsync(int count, TimeSpan? timeout = null)
    {
        // Generous: the two test projects and Chromium share two cores.
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var received = new List<BoardEvent>();
        while (received.Count < count)
        {
            received.Add(await _events.Reader.ReadAsync(cts.Token));
        }

        return received;
    }

    /// <summary>True when nothing more arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan quiet)
    {
        using var cts = new CancellationTokenSource(quiet);
        try
        {
            await _events.Reader.WaitToReadAsync(cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async Task<Heartbeat> NextHeartbeatAsync(Func<Heartbeat, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var heartbeat = await _heartbeats.Reader.ReadAsync(cts.Token);
            if (match(heartbeat))
            {
                return heartbeat;
            }
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
