using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Reception.Dashboard.Client;

namespace Reception.Dashboard.Realtime;

/// <summary>
/// Publishes each site's committed events, in sequence order, to the site's hub group and to
/// in-process subscribers (Blazor components). It reads the log rather than taking events from
/// writers, so concurrent writers cannot reorder it and rolled-back writes never reach it.
/// Every consumer has its own queue, so a slow one delays only itself.
/// </summary>
public sealed class EventPublisher : IHostedService
{
    private const int PageSize = 256;

    // Far more than a live page ever lags by: a subscriber this far behind is stuck, and is dropped.
    private const int SubscriberCapacity = 10_000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, SiteFeed> _feeds = new();
    private ImmutableArray<HeartbeatListener> _heartbeatListeners = [];
    private readonly Lock _creating = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly IDbContextFactory<ReceptionDbContext> _dbFactory;
    private readonly IHubContext<BoardHub, IBoardClient> _hub;
    private readonly ILogger<EventPublisher> _logger;

    public EventPublisher(IDbContextFactory<ReceptionDbContext> dbFactory, IHubContext<BoardHub, IBoardClient> hub, ILogger<EventPublisher> logger)
    {
        _dbFactory = dbFactory;
        _hub = hub;
        _logger = logger;
    }

    public static string GroupName(Guid siteId) => $"site:{siteId:N}";

    /// <summary>Wakes the site's feed after a commit.</summary>
    public void Notify(Guid siteId) => FeedFor(siteId).Wake();

    /// <summary>Wakes every feed; the heartbeat calls this so a lost wake-up costs at most one beat.</summary>
    public void NotifyAll()
    {
        foreach (var feed in _feeds.Values)
        {
            feed.Wake();
        }
    }

    /// <summary>The last event published for each site that has a stream.</summary>
    public IEnumerable<StreamPosition> Positions() =>
        _feeds.Values.Where(f => f.Epoch is not null).Select(f => new StreamPosition(f.SiteId, f.Epoch!.Value, f.Published));

    /// <summary>
    /// Calls <paramref name="onEvent"/>, one event at a time, for each event published for the site
    /// from now on. The caller checks that the site exists. Blazor components pass a handler that
    /// marshals onto their renderer, and dispose the result.
    /// </summary>
    public IDisposable Subscribe(Guid siteId, Func<BoardEvent, Task> onEvent) => FeedFor(siteId).Subscribe(onEvent);

    /// <summary>Calls <paramref name="onBeat"/> with each heartbeat of the site, so a page can show that it is current.</summary>
    public IDisposable ListenForHeartbeats(Guid siteId, Func<Heartbeat, Task> onBeat)
    {
        var listener = new HeartbeatListener(siteId, onBeat, this);
        ImmutableInterlocked.Update(ref _heartbeatListeners, l => l.Add(listener));
        return listener;
    }

    /// <summary>Hands a heartbeat to the site's in-process listeners; the heartbeat service sends it to hub clients.</summary>
    public void Beat(Heartbeat heartbeat)
    {
        foreach (var listener in _heartbeatListeners.Where(l => l.SiteId == heartbeat.SiteId))
        {
            _ = listener.OnBeat(heartbeat).ContinueWith(
                t => _logger.LogWarning(t.Exception, "A heartbeat listener of site {SiteId} failed", heartbeat.SiteId),
                TaskContinuationOptions.OnlyOnFaulted);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Events already in the log were published by an earlier run; clients catch up on them by API.
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var stream in await db.SiteStreams.AsNoTracking().ToListAsync(cancellationToken))
        {
            _feeds[stream.SiteId] = new SiteFeed(this, stream.SiteId, stream.Epoch, stream.LastSeq);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_feeds.Values.Select(f => f.Completion)).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown time ran out; the loops are cancelled and end on their own.
            _logger.LogWarning("Event feeds did not stop within the shutdown time");
        }
    }

    private SiteFeed FeedFor(Guid siteId)
    {
        if (_feeds.TryGetValue(siteId, out var feed))
        {
            return feed;
        }

        // A feed starts a loop, so exactly one may be created per site. A site unknown at start
        // was created by this process, so everything in its log is still to publish.
        lock (_creating)
        {
            return _feeds.GetOrAdd(siteId, id => new SiteFeed(this, id, epoch: null, published: 0));
        }
    }

    private sealed class HeartbeatListener(Guid siteId, Func<Heartbeat, Task> onBeat, EventPublisher owner) : IDisposable
    {
        public Guid SiteId { get; } = siteId;
        public Func<Heartbeat, Task> OnBeat { get; } = onBeat;

        public void Dispose() => ImmutableInterlocked.Update(ref owner._heartbeatListeners, l => l.Remove(this));
    }

    private sealed class SiteFeed
    {
        private readonly EventPublisher _owner;
        private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private ImmutableArray<Consumer> _consumers = [];
        private long _published;

        public SiteFeed(EventPublisher owner, Guid siteId, Guid? epoch, long published)
        {
            _owner = owner;
            SiteId = siteId;
            Epoch = epoch;
            _published = published;
            // The hub's queue is unbounded: SignalR itself drops a client that stops reading, which frees it.
            var group = _owner._hub.Clients.Group(GroupName(siteId));
            AddConsumer(new Consumer(e => group.ReceiveEvent(e), this, Channel.CreateUnbounded<BoardEvent>(new UnboundedChannelOptions { SingleReader = true })));
            Completion = Task.Run(RunAsync);
        }

        public Guid SiteId { get; }
        public Guid? Epoch { get; private set; }
        public long Published => Interlocked.Read(ref _published);
        public Task Completion { get; }

        public void Wake() => _wake.Writer.TryWrite(true);

        public IDisposable Subscribe(Func<BoardEvent, Task> onEvent) =>
            AddConsumer(new Consumer(onEvent, this, Channel.CreateBounded<BoardEvent>(
                new BoundedChannelOptions(SubscriberCapacity) { SingleReader = true, SingleWriter = true })));

        private Consumer AddConsumer(Consumer consumer)
        {
            ImmutableInterlocked.Update(ref _consumers, c => c.Add(consumer));
            return consumer;
        }

        private void Unsubscribe(Consumer consumer) => ImmutableInterlocked.Update(ref _consumers, c => c.Remove(consumer));

        private async Task RunAsync()
        {
            var stopping = _owner._stopping.Token;
            try
            {
                while (await _wake.Reader.WaitToReadAsync(stopping))
                {
                    _wake.Reader.TryRead(out _);
                    while (await PublishPageAsync(stopping))
                    {
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
        }

        /// <returns>Whether a full page was published, so more may be waiting.</returns>
        private async Task<bool> PublishPageAsync(CancellationToken stopping)
        {
            try
            {
                await using var db = await _owner._dbFactory.CreateDbContextAsync(stopping);
                Epoch ??= await db.SiteStreams.Where(s => s.SiteId == SiteId).Select(s => (Guid?)s.Epoch).SingleOrDefaultAsync(stopping);
                var page = await db.Events.AsNoTracking()
                    .Where(e => e.SiteId == SiteId && e.Seq > _published)
                    .OrderBy(e => e.Seq)
                    .Take(PageSize)
                    .ToListAsync(stopping);

                foreach (var stored in page)
                {
                    var boardEvent = stored.ToEnvelope(Epoch!.Value);
                    foreach (var consumer in _consumers)
                    {
                        consumer.Enqueue(boardEvent);
                    }

                    Interlocked.Exchange(ref _published, stored.Seq);
                }

                return page.Count == PageSize;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The loop must outlive any failure: the next wake-up (at the latest the heartbeat) retries.
                _owner._logger.LogError(ex, "Could not publish events of site {SiteId} after {Seq}; retrying", SiteId, Published);
                await Task.Delay(RetryDelay, stopping);
                return false;
            }
        }

        /// <summary>One consumer's queue and pump; events reach it in order, one at a time.</summary>
        private sealed class Consumer : IDisposable
        {
            private readonly Channel<BoardEvent> _queue;
            private readonly Func<BoardEvent, Task> _onEvent;
            private readonly SiteFeed _feed;

            public Consumer(Func<BoardEvent, Task> onEvent, SiteFeed feed, Channel<BoardEvent> queue)
            {
                _onEvent = onEvent;
                _feed = feed;
                _queue = queue;
                _ = Task.Run(PumpAsync);
            }

            public void Enqueue(BoardEvent boardEvent)
            {
                if (!_queue.Writer.TryWrite(boardEvent))
                {
                    _feed._owner._logger.LogWarning("A subscriber of site {SiteId} fell {Capacity} events behind and was dropped", _feed.SiteId, SubscriberCapacity);
                    Dispose();
                }
            }

            public void Dispose()
            {
                _feed.Unsubscribe(this);
                _queue.Writer.TryComplete();
            }

            private async Task PumpAsync()
            {
                var stopping = _feed._owner._stopping.Token;
                try
                {
                    await foreach (var boardEvent in _queue.Reader.ReadAllAsync(stopping))
                    {
                        try
                        {
                            await _onEvent(boardEvent);
                        }
                        catch (Exception ex)
                        {
                            _feed._owner._logger.LogWarning(ex, "A subscriber failed on event {Seq} of site {SiteId}", boardEvent.Seq, _feed.SiteId);
                        }
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                }
            }
        }
    }
}
