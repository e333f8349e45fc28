using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Client;

/// <summary>
/// The board's live events for one or more sites over one hub connection, handed to the caller
/// exactly once and in order within an epoch. On every (re)connect it rejoins each site and fetches
/// what it missed, or loads a snapshot when the epoch changed or too much was missed; a heartbeat
/// ahead of the last event makes it fetch the gap; a connection that goes quiet is replaced. It
/// never gives up, the first connection included, so an unattended screen heals by itself.
/// </summary>
public sealed class BoardFeed : IAsyncDisposable
{
    private readonly BoardClientOptions _options;
    private readonly BoardCommands _reads;
    private readonly ILogger _logger;
    private readonly Dictionary<Guid, FollowedSite> _sites = [];
    private readonly Channel<(FeedSession Session, Func<CancellationToken, Task> Work)> _work =
        Channel.CreateUnbounded<(FeedSession, Func<CancellationToken, Task>)>(new() { SingleReader = true });
    private readonly Lock _stateLock = new();
    private TaskCompletionSource _live = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stopping;
    private Task _running = Task.CompletedTask;
    private FeedSession? _session;
    private long _lastHeard;
    private int _connections;
    private bool _disposed;

    /// <summary>Creates a feed; call <see cref="Follow"/> for each site, then <see cref="StartAsync"/>.</summary>
    public BoardFeed(BoardClientOptions options)
    {
        _options = options;
        _reads = new BoardCommands(options);
        _logger = options.LoggerFactory?.CreateLogger<BoardFeed>() ?? NullLogger<BoardFeed>.Instance;
    }

    /// <summary>Where the feed stands.</summary>
    public BoardFeedState State { get; private set; } = BoardFeedState.Connecting;

    /// <summary>Raised when <see cref="State"/> changes, on a background thread.</summary>
    public event Action<BoardFeedState>? StateChanged;

    /// <summary>Connections made after the first.</summary>
    public int Reconnects => Math.Max(0, Volatile.Read(ref _connections) - 1);

    /// <summary>Snapshots handed over through the reset callbacks, the first ones included.</summary>
    public int Resets => _sites.Values.Sum(s => s.Resets);

    /// <summary>Times missing events were fetched: after a reconnect, or when a heartbeat was ahead.</summary>
    public int GapsFilled => _sites.Values.Sum(s => s.GapsFilled);

    /// <summary>
    /// Follows a site. <paramref name="onEvent"/> gets each event once, in sequence order;
    /// <paramref name="onReset"/> gets a whole snapshot first, and again whenever the history
    /// changed (a new epoch) or too much was missed; events after it continue from its sequence
    /// number. Handlers run one at a time. Pass <paramref name="from"/> to resume where an earlier
    /// run stopped without a first snapshot.
    /// </summary>
    public void Follow(Guid siteId, Func<BoardEvent, Task> onEvent, Func<BoardSnapshot, Task> onReset, StreamPosition? from = null)
    {
        if (_stopping is not null)
        {
            throw new InvalidOperationException("Follow sites before the feed starts.");
        }

        _sites[siteId] = new FollowedSite(siteId, onEvent, onReset, from, _reads, _options, _logger);
    }

    /// <summary>
    /// The last sequence number handed over for the site: 0, or the <c>from</c> position, before its first sync. It moves
    /// before the handler runs; to resume later, save each event's <see cref="BoardEvent.Seq"/> once you have processed it.
    /// </summary>
    public long LastSeq(Guid siteId) => _sites[siteId].Last;

    /// <summary>The site's epoch as last synced: null, or the <c>from</c> position's, before its first sync.</summary>
    public Guid? Epoch(Guid siteId) => _sites[siteId].Epoch;

    /// <summary>Starts connecting and returns at once. A server that is down is tried again and again.</summary>
    public Task StartAsync(CancellationToken ct = default)
    {
        if (_stopping is not null)
        {
            throw new InvalidOperationException("The feed has already started.");
        }

        _stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var stopping = _stopping.Token;
        _running = Task.WhenAll(Task.Run(() => PumpAsync(stopping)), Task.Run(() => ConnectLoopAsync(stopping)));
        return Task.CompletedTask;
    }

    /// <summary>Completes once connected with every site caught up; after a lost connection, once that holds again.</summary>
    public Task WaitUntilLiveAsync(CancellationToken ct = default)
    {
        lock (_stateLock)
        {
            return _live.Task.WaitAsync(ct);
        }
    }

    /// <summary>Closes the connection and stops; no handler runs after this completes. Do not call it from a handler: it waits for the handler.</summary>
    public async Task StopAsync()
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        _work.Writer.TryComplete();
        await _running;
        SetState(BoardFeedState.Stopped);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await StopAsync();
        }
        finally
        {
            _stopping?.Dispose();
            _reads.Dispose();
        }
    }

    private async Task ConnectLoopAsync(CancellationToken stopping)
    {
        var attempt = 0;
        while (!stopping.IsCancellationRequested)
        {
            var session = Connect();
            try
            {
                // A host that drops packets would otherwise hold a connect for the kernel's two minutes.
                using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(stopping))
                {
                    connecting.CancelAfter(ConnectTimeout);
                    await session.Connection.StartAsync(connecting.Token);
                }

                Interlocked.Increment(ref _connections);
                Heard();
                _session = session;
                Enqueue(session, ct => SyncAsync(session, ct));
                await session.Synced.WaitAsync(stopping);
                SetState(BoardFeedState.Live);
                var liveSince = Stopwatch.GetTimestamp();
                await WatchAsync(session, stopping);
                // Only a connection that lasted counts as healed: one dropped right after its sync keeps backing off.
                if (Stopwatch.GetElapsedTime(liveSince) > _options.StaleAfter)
                {
                    attempt = 0;
                }
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                _logger.LogWarning("Board connection failed: {Reason}", ex.Message);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // Stopping.
            }
            finally
            {
                session.End();
                _session = null;
                await DisposeQuietlyAsync(session.Connection);
            }

            if (stopping.IsCancellationRequested)
            {
                break;
            }

            SetState(BoardFeedState.Reconnecting);
            try
            {
                await Task.Delay(Backoff.Delay(attempt++, _options.ReconnectDelay, _options.MaxReconnectDelay), stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private TimeSpan ConnectTimeout => _options.StaleAfter > TimeSpan.FromSeconds(10) ? _options.StaleAfter : TimeSpan.FromSeconds(10);

    /// <summary>Waits until the connection ends, or has heard nothing for too long and is taken for dead.</summary>
    private async Task WatchAsync(FeedSession session, CancellationToken stopping)
    {
        var every = TimeSpan.FromMilliseconds(Math.Max(100, _options.StaleAfter.TotalMilliseconds / 4));
        while (!session.IsOver)
        {
            await Task.WhenAny(session.Ended, Task.Delay(every, stopping));
            stopping.ThrowIfCancellationRequested();
            if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastHeard)) > _options.StaleAfter)
            {
                _logger.LogWarning("Nothing heard from the board for {Seconds:F0} s; connecting again", _options.StaleAfter.TotalSeconds);
                return;
            }
        }
    }

    private async Task SyncAsync(FeedSession session, CancellationToken ct)
    {
        try
        {
            foreach (var site in _sites.Values)
            {
                try
                {
                    await site.SyncAsync(session, ct);
                }
                catch (HubException ex)
                {
                    // A refusal (the site is gone, or no longer ours) is not a connection problem: the other sites go on.
                    _logger.LogError("Site {SiteId} cannot be followed: {Reason}", site.SiteId, ex.Message);
                }
            }

            session.MarkSynced();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            session.End(ex);
        }
    }

    private FeedSession Connect()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_options.Root, "hubs/board"), o =>
            {
                // Straight to WebSockets: one request less per connect, which counts when a thousand screens return at once.
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["Accept-Language"] = _options.Language;
                if (_options.AccessToken is { } token)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions))
            .Build();

        // Handlers only queue: the hub client waits for a handler before reading on, and the
        // pump's reads on this same connection need that reading to go on.
        var session = new FeedSession(connection);
        connection.On<BoardEvent>(nameof(IBoardClient.ReceiveEvent), e =>
        {
            Heard();
            if (_sites.TryGetValue(e.SiteId, out var site))
            {
                Enqueue(session, ct => site.ApplyAsync(e, session, ct));
            }
        });
        connection.On<Heartbeat>(nameof(IBoardClient.ReceiveHeartbeat), h =>
        {
            Heard();
            if (_sites.TryGetValue(h.SiteId, out var site))
            {
                Enqueue(session, ct => HearAsync(site, h, session, ct));
            }
        });
        connection.Closed += _ =>
        {
            session.End();
            return Task.CompletedTask;
        };
        return session;
    }

    private async Task HearAsync(FollowedSite site, Heartbeat heartbeat, FeedSession session, CancellationToken ct)
    {
        if (await site.HearAsync(heartbeat, ct))
        {
            // Spread, so a thousand screens behind the same heartbeat do not all ask at the same moment.
            site.GapCheckPending = true;
            var grace = TimeSpan.FromMilliseconds(Math.Max(0, _options.GapGrace.TotalMilliseconds) * (1 + 2 * Random.Shared.NextDouble()));
            _ = Task.Delay(grace, ct).ContinueWith(
                _ => Enqueue(session, token => site.FillGapAsync(heartbeat.LastSeq, session, token)),
                CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }

    private void Enqueue(FeedSession session, Func<CancellationToken, Task> work) => _work.Writer.TryWrite((session, work));

    /// <summary>Runs the feed's work one item at a time, so each site's events reach the caller in order.</summary>
    private async Task PumpAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var (session, work) in _work.Reader.ReadAllAsync(stopping))
            {
                try
                {
                    await work(stopping);
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    // A read on that connection failed: replace it; the next sync fetches what is missing.
                    _logger.LogWarning("Board catch-up failed: {Reason}", ex.Message);
                    session.End(ex);
                }
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // Stopping: whatever the last item was doing is abandoned.
        }
    }

    private void Heard() => Interlocked.Exchange(ref _lastHeard, Stopwatch.GetTimestamp());

    private void SetState(BoardFeedState state)
    {
        Action<BoardFeedState>? changed;
        lock (_stateLock)
        {
            if (State == state || State == BoardFeedState.Stopped)
            {
                return;
            }

            State = state;
            if (state == BoardFeedState.Live)
            {
                _live.TrySetResult();
            }
            else if (state == BoardFeedState.Stopped)
            {
                _live.TrySetCanceled();
            }
            else if (_live.Task.IsCompleted)
            {
                _live = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed = StateChanged;
        }

        changed?.Invoke(state);
    }

    private async Task DisposeQuietlyAsync(HubConnection connection)
    {
        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Closing a board connection failed");
        }
    }
}
