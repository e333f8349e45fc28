using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Localization;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Board;

public sealed partial class BoardPage
{
    private const int FeedLength = 50;

    private readonly List<BoardEvent> _buffered = [];
    private readonly List<BoardEvent> _feed = [];
    private List<PostDto> _posts = [];
    private SiteDto? _site;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private long _seq = -1;
    private string? _loadError;
    private IDisposable? _subscription;

    [Inject] private EventPublisher Publisher { get; set; } = default!;
    [Inject] private BoardSnapshots Snapshots { get; set; } = default!;
    [Inject] private SiteService Sites { get; set; } = default!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = default!;

    [Parameter] public Guid SiteId { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        try
        {
            var site = await Sites.GetAsync(user, SiteId, CancellationToken.None);

            // Subscribe first and hold what arrives until the snapshot says which sequence it reflects.
            _subscription = Publisher.Subscribe(site.Id, e => InvokeAsync(() => Receive(e)));
            var snapshot = await Snapshots.GetAsync(user, site.Id, CancellationToken.None);
            _site = snapshot.Site;
            _zone = TimeZoneInfo.FindSystemTimeZoneById(snapshot.Site.TimeZoneId);
            _posts = snapshot.Posts.ToList();
            _seq = snapshot.Seq;
        }
        catch (NotFoundException)
        {
            _loadError = T["Board.SiteMissing"];
            return;
        }
        catch (ForbiddenException)
        {
            _loadError = T["Board.NoRole"];
            return;
        }

        foreach (var e in _buffered.Where(e => e.Seq > _seq))
        {
            Apply(e);
        }

        _buffered.Clear();
    }

    private void Receive(BoardEvent e)
    {
        if (_seq < 0)
        {
            _buffered.Add(e);
            return;
        }

        if (e.Seq > _seq)
        {
            Apply(e);
            StateHasChanged();
        }
    }

    private void Apply(BoardEvent e)
    {
        _seq = e.Seq;
        switch (e.Type)
        {
            case EventTypes.PostCreated or EventTypes.PostUpdated or EventTypes.PostArchived or EventTypes.PostRestored:
                var changed = e.DataAs<PostChanged>();
                _posts.RemoveAll(p => p.Id == changed.PostId);
                _posts.Add(new PostDto(changed.PostId, e.SiteId, changed.Name, changed.Kind, changed.Location, changed.RouteOrder, changed.Archived, changed.Version));
                break;
            case EventTypes.SiteUpdated:
                var site = e.DataAs<SiteChanged>();
                _site = new SiteDto(site.SiteId, site.Name, site.TimeZoneId, site.Version);
                _zone = TimeZoneInfo.FindSystemTimeZoneById(site.TimeZoneId);
                break;
        }

        _feed.Insert(0, e);
        if (_feed.Count > FeedLength)
        {
            _feed.RemoveAt(_feed.Count - 1);
        }
    }

    private string LocalTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, _zone).ToString("T");

    private string Describe(BoardEvent e) => e.Type switch
    {
        EventTypes.PostCreated => T["Event.PostCreated", e.DataAs<PostChanged>().Name],
        EventTypes.PostUpdated => T["Event.PostUpdated", e.DataAs<PostChanged>().Name],
        EventTypes.PostArchived => T["Event.PostArchived", e.DataAs<PostChanged>().Name],
        EventTypes.PostRestored => T["Event.PostRestored", e.DataAs<PostChanged>().Name],
        EventTypes.SiteCreated => T["Event.SiteCreated", e.DataAs<SiteChanged>().Name],
        EventTypes.SiteUpdated => T["Event.SiteUpdated", e.DataAs<SiteChanged>().Name],
        EventTypes.ShiftCreated or EventTypes.ShiftUpdated => T["Event.ShiftChanged"],
        EventTypes.DepartmentCreated or EventTypes.DepartmentUpdated => T["Event.DepartmentChanged", e.DataAs<DepartmentChanged>().Name],
        EventTypes.StaffCreated or EventTypes.StaffUpdated => T["Event.StaffChanged"],
        EventTypes.RoleGranted or EventTypes.RoleRevoked => T["Event.RoleChanged"],
        _ => e.Type,
    };

    public void Dispose() => _subscription?.Dispose();
}
