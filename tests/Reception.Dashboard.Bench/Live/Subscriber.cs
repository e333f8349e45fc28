using System.Diagnostics;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Bench.Live;

/// <summary>
/// One subscribed screen: an SDK <see cref="BoardFeed"/> on one site, and when each event reached
/// its handler. The handler only stamps and counts, so the load generator measures the server, not itself.
/// </summary>
public sealed class Subscriber : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private Dictionary<long, long> _receivedAt = [];
    private long _lastSeq;
    private int _duplicated;
    private int _outOfOrder;
    private int _resetsAtPhaseStart;
    private int _state = (int)BoardFeedState.Connecting;
    private int _drops;
    private long _droppedAt;
    private long _liveAt;

    /// <param name="from">Where to resume without a first snapshot; null loads one, as a screen opening does.</param>
    public Subscriber(BoardClientOptions options, Guid siteId, StreamPosition? from)
    {
        _lastSeq = from?.LastSeq ?? 0;
        Feed = new BoardFeed(options);
        Feed.StateChanged += OnStateChanged;
        Feed.Follow(siteId, OnEventAsync, OnResetAsync, from);
    }

    public BoardFeed Feed { get; }

    /// <summary>The highest sequence number handed to this client.</summary>
    public long LastSeq
    {
        get
        {
            lock (_lock)
            {
                return _lastSeq;
            }
        }
    }

    /// <summary>Times the feed left <see cref="BoardFeedState.Live"/>.</summary>
    public int Drops => Volatile.Read(ref _drops);

    /// <summary>When the feed last became live (a <see cref="Stopwatch"/> timestamp).</summary>
    public long LiveAt => Volatile.Read(ref _liveAt);

    /// <summary>Live again since its last drop.</summary>
    public bool LiveSinceDrop => Feed.State == BoardFeedState.Live && Volatile.Read(ref _liveAt) > Volatile.Read(ref _droppedAt);

    /// <summary>Forgets what was received so far: a phase counts only its own events.</summary>
    public void StartPhase()
    {
        lock (_lock)
        {
            _receivedAt = [];
            _duplicated = 0;
            _outOfOrder = 0;
            _resetsAtPhaseStart = Feed.Resets;
        }
    }

    /// <summary>When each of <paramref name="seqs"/> was received (0: never), and what went wrong in this phase.</summary>
    public SubscriberTally Tally(IReadOnlyList<long> seqs)
    {
        lock (_lock)
        {
            var receivedAt = new long[seqs.Count];
            for (var i = 0; i < seqs.Count; i++)
            {
                receivedAt[i] = _receivedAt.GetValueOrDefault(seqs[i]);
            }

            return new SubscriberTally(receivedAt, _duplicated, _outOfOrder, Feed.Resets - _resetsAtPhaseStart);
        }
    }

    public ValueTask DisposeAsync() => Feed.DisposeAsync();

    private Task OnEventAsync(BoardEvent boardEvent)
    {
        var at = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (!_receivedAt.TryAdd(boardEvent.Seq, at))
            {
                _duplicated++;
            }
            else if (boardEvent.Seq != _lastSeq + 1)
            {
                _outOfOrder++;
            }

            _lastSeq = Math.Max(_lastSeq, boardEvent.Seq);
        }

        return Task.CompletedTask;
    }

    private Task OnResetAsync(BoardSnapshot snapshot)
    {
        lock (_lock)
        {
            _lastSeq = snapshot.Seq;
        }

        return Task.CompletedTask;
    }

    private void OnStateChanged(BoardFeedState state)
    {
        var now = Stopwatch.GetTimestamp();
        var previous = (BoardFeedState)Interlocked.Exchange(ref _state, (int)state);
        if (state == BoardFeedState.Live)
        {
            Volatile.Write(ref _liveAt, now);
        }
        else if (previous == BoardFeedState.Live)
        {
            Volatile.Write(ref _droppedAt, now);
            Interlocked.Increment(ref _drops);
        }
    }
}

/// <param name="ReceivedAt">Per asked sequence number, the <see cref="Stopwatch"/> timestamp it was handed over at; 0 when it never was.</param>
public readonly record struct SubscriberTally(long[] ReceivedAt, int Duplicated, int OutOfOrder, int ExtraResets);
