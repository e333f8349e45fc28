using Microsoft.Extensions.Localization;
using Reception.Dashboard.Localization;

namespace Reception.Dashboard.Features.Board;

/// <summary>
/// A site's board state kept current for one page: subscribes to the publisher first, holds what
/// arrives until the snapshot says which sequence it reflects, then applies only newer events.
/// Pages give it a dispatcher (their InvokeAsync) so that events are applied on the renderer, and
/// heartbeats, which arrive on the heartbeat service's thread, render in the reader's language (LivePage.InvokeAsync).
/// </summary>
public sealed class LiveSite(EventPublisher publisher, BoardSnapshots snapshots) : IDisposable
{
    public const int FeedLength = 50;

    private readonly List<BoardEvent> _buffered = [];
    private IDisposable? _subscription;
    private IDisposable? _heartbeats;
    private long _seq = -1;

    public SiteDto? Site { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public List<PostDto> Posts { get; private set; } = [];

    /// <summary>When the server last said this site's feed is current; pages show it so a browser can tell when they go stale.</summary>
    public DateTime? LastHeartbeat { get; private set; }

    /// <summary>The newest events first.</summary>
    public List<BoardEvent> Feed { get; } = [];

    /// <param name="heartbeats">Whether heartbeats also call <paramref name="changed"/>: for pages that show they are current.</param>
    public async Task StartAsync(SiteCall call, Func<Func<Task>, Task> dispatch, Func<Task> changed, bool heartbeats = false)
    {
        var siteId = call.SiteId;
        _subscription = publisher.Subscribe(siteId, e => dispatch(() => ReceiveAsync(e, changed)));
        if (heartbeats)
        {
            _heartbeats = publisher.ListenForHeartbeats(siteId, beat => dispatch(async () =>
            {
                LastHeartbeat = beat.At;
                await changed();
            }));
        }
        BoardSnapshot snapshot;
        try
        {
            snapshot = await snapshots.GetAsync(call);
        }
        catch
        {
            // Refused or unknown site: stop listening, or the buffer would grow for as long as the page stays open.
            Dispose();
            throw;
        }

        Site = snapshot.Site;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(snapshot.Site.TimeZoneId);
        Posts = snapshot.Posts.ToList();
        _seq = snapshot.Seq;
        foreach (var e in _buffered.Where(e => e.Seq > _seq))
        {
            Apply(e);
        }

        _buffered.Clear();
    }

    public string LocalTime(DateTime utc, string format = "T") => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone).ToString(format);

    /// <summary>The event's line, with the names of the posts it names by id.</summary>
    public string Describe(IStringLocalizer<Text> T, BoardEvent e) => EventText.Describe(T, e, id => Posts.FirstOrDefault(p => p.Id == id)?.Name);

    private async Task ReceiveAsync(BoardEvent e, Func<Task> changed)
    {
        if (_seq < 0)
        {
            _buffered.Add(e);
            return;
        }

        if (e.Seq > _seq)
        {
            Apply(e);
            await changed();
        }
    }

    private void Apply(BoardEvent e)
    {
        _seq = e.Seq;
        switch (e.Type)
        {
            case EventTypes.PostCreated or EventTypes.PostUpdated or EventTypes.PostArchived or EventTypes.PostRestored:
                var post = e.DataAs<PostChanged>();
                Posts.RemoveAll(p => p.Id == post.PostId);
                Posts.Add(new PostDto(post.PostId, e.SiteId, post.Name, post.Kind, post.Location, post.RouteOrder, post.Archived, post.Version));
                break;
            case EventTypes.SiteUpdated:
                var site = e.DataAs<SiteChanged>();
                Site = new SiteDto(site.SiteId, site.Name, site.TimeZoneId, site.Version);
                Zone = TimeZoneInfo.FindSystemTimeZoneById(site.TimeZoneId);
                break;
        }

        // Bookkeeping such as device enrolments is on the stream for screens to react to, not news for the feed.
        if (!EventText.OnFeed(e))
        {
            return;
        }

        Feed.Insert(0, e);
        if (Feed.Count > FeedLength)
        {
            Feed.RemoveAt(Feed.Count - 1);
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _heartbeats?.Dispose();
    }
}
