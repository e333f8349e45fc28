using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;

namespace Reception.Dashboard.Realtime;

/// <summary>
/// Publishes each site's committed events, in sequence order, to the site's hub group and to
/// in-process subscribers (Blazor components). It reads the log rather than taking events from
/// writers, so concurrent writers cannot reorder it and rolled-back writes never reach it.
/// </summary>
public sealed class EventPublisher : IHostedService
{
    private const int PageSize = 256;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, SiteFeed> _feeds = new();
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

    /// <summary>The last event published for the site; null until the site has a stream.</summary>
    public StreamPosition? Position(Guid siteId) =>
        _feeds.TryGetValue(siteId, out var feed) && feed.Epoch is { } epoch
            ? new StreamPosition(siteId, epoch, feed.Published)
            : null;

    public IEnumerable<StreamPosition> Positions() =>
        _feeds.Keys.Select(Position).OfType<StreamPosition>();

    /// <summary>
    /// Calls <paramref name="onEvent"/> for each event published for the site from now on. Blazor
    /// components pass a handler that marshals onto their renderer and dispose the result.
    /// </summary>
    public IDisposable Subscribe(Guid siteId, Func<BoardEvent, Task> onEvent) => FeedFor(siteId).Subscribe(onEvent);

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
        await Task.WhenAll(_feeds.Values.Select(f => f.Completion)).WaitAsync(cancellationToken);
    }

    // A site unknown at start was created by this process, so everything in its log is still to publish.
    private SiteFeed FeedFor(Guid siteId)
    {
        if (_feeds.TryGetValue(siteId, out var feed))
        {
            return feed;
        }

        // A feed starts a loop, so exactly one may be created per site.
        lock (_creating)
        {
            return _feeds.GetOrAdd(siteId, id => new SiteFeed(this, id, epoch: null, published: 0));
        }
    }

    private sealed class SiteFeed
    {
        private readonly EventPublisher _owner;
        private readonly Guid _siteId;
        private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private ImmutableArray<Func<BoardEvent, Task>> _subscribers = [];
        private long _published;

        public SiteFeed(EventPublisher owner, Guid siteId, Guid? epoch, long published)
        {
            _owner = owner;
            _siteId = siteId;
            Epoch = epoch;
            _published = published;
            Completion = Task.Run(RunAsync);
        }

        public Guid? Epoch { get; private set; }
        public long Published => Interlocked.Read(ref _published);
        public Task Completion { get; }

        public void Wake() => _wake.Writer.TryWrite(true);

        public IDisposable Subscribe(Func<BoardEvent, Task> onEvent)
        {
            ImmutableInterlocked.Update(ref _subscribers, s => s.Add(onEvent));
            return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscribers, s => s.Remove(onEvent)));
        }

        private async Task RunAsync()
        {
            var stopping = _owner._stopping.Token;
            try
            {
                while (await _wake.Reader.WaitToReadAsync(stopping))
                {
                    _wake.Reader.TryRead(out _);
                    await PublishPendingAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
        }

        private async Task PublishPendingAsync(CancellationToken stopping)
        {
            while (!stopping.IsCancellationRequested)
            {
                List<StoredEvent> page;
                try
                {
                    await using var db = await _owner._dbFactory.CreateDbContextAsync(stopping);
                    Epoch ??= await db.SiteStreams.Where(s => s.SiteId == _siteId).Select(s => (Guid?)s.Epoch).SingleOrDefaultAsync(stopping);
                    page = await db.Events.AsNoTracking()
                        .Where(e => e.SiteId == _siteId && e.Seq > _published)
                        .OrderBy(e => e.Seq)
                        .Take(PageSize)
                        .ToListAsync(stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _owner._logger.LogWarning(ex, "Could not read events of site {SiteId}; retrying", _siteId);
                    await Task.Delay(RetryDelay, stopping);
                    continue;
                }

                foreach (var stored in page)
                {
                    await PublishAsync(stored.ToEnvelope(Epoch!.Value));
                    Interlocked.Exchange(ref _published, stored.Seq);
                }

                if (page.Count < PageSize)
                {
                    return;
                }
            }
        }

        private async Task PublishAsync(BoardEvent boardEvent)
        {
            try
            {
                await _owner._hub.Clients.Group(GroupName(_siteId)).ReceiveEvent(boardEvent);
            }
            catch (Exception ex)
            {
                _owner._logger.LogWarning(ex, "Could not push event {Seq} of site {SiteId} to the hub", boardEvent.Seq, _siteId);
            }

            foreach (var subscriber in _subscribers)
            {
                try
                {
                    await subscriber(boardEvent);
                }
                catch (Exception ex)
                {
                    _owner._logger.LogWarning(ex, "A subscriber failed on event {Seq} of site {SiteId}", boardEvent.Seq, _siteId);
                }
            }
        }
    }

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                unsubscribe();
            }
        }
    }
}
