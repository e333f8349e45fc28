using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Reception.Dashboard.Features.Incidents;
using Reception.Dashboard.Features.Visits;
using Reception.Dashboard.Localization;

namespace Reception.Dashboard.Features.Board;

public sealed partial class BoardPage
{
    // What raises, ends or revives a lobby escalation: one acknowledged, or whose incident is resolved, sounds no more.
    private static readonly IReadOnlySet<string> EscalationEvents = new HashSet<string>
    {
        EventTypes.IncidentEscalated, EventTypes.EscalationAcknowledged, EventTypes.IncidentResolved, EventTypes.IncidentClosed, EventTypes.IncidentReopened,
    };

    private IReadOnlyList<VisitDetailDto> _visits = [];

    // Null until the visits are loaded, so the alert sound does not take the first load for news.
    private IReadOnlyList<VisitAlerts.Alert>? _alerts;

    // Lobby escalations not yet acknowledged: they sound until someone acknowledges them (the incidents panel offers it).
    private IReadOnlyList<string> _escalations = [];

    [Inject] private LiveSite Live { get; set; } = default!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = default!;
    [Inject] private IStringLocalizer<VisitText> V { get; set; } = default!;
    [Inject] private VisitQueries Visits { get; set; } = default!;
    [Inject] private IncidentEscalations Escalations { get; set; } = default!;

    // Visits are read whole again on their events (a burst of them reads once): they are few, and their
    // states move with the clock. The rest of the board follows the snapshot tracker, event by event.
    // A board that could not open its site stays with its message rather than trying again on every event.
    // Lobby escalations are read again on theirs, for the sound.
    protected override bool Watches(BoardEvent e) =>
        Live.Site is not null && (e.VisitId is not null || EscalationEvents.Contains(e.Type));

    protected override async Task LoadAsync()
    {
        if (Live.Site is null)
        {
            await StartLiveAsync();
        }

        _visits = await Visits.ListDetailsAsync(Call);
        // Read before the alerts are set, which shows the sound: the escalations open when the board opens are no news either.
        _escalations = Access.Allows(User, SiteId, Permission.ViewIncidents)
            ? (await Escalations.OpenByIncidentAsync(Call)).Values.SelectMany(open => open).Select(escalation => $"escalation:{escalation.Id}").ToList()
            : [];
        _alerts = VisitAlerts.For(_visits, V);
    }

    private async Task StartLiveAsync()
    {
        try
        {
            await Live.StartAsync(Call, work => InvokeAsync(work), () => InvokeAsync(StateHasChanged));
        }
        catch (NotFoundException)
        {
            throw new BoardUnavailable(T["Board.SiteMissing"].Value);
        }
        catch (ForbiddenException)
        {
            throw new BoardUnavailable(T["Board.NoRole"].Value);
        }
    }

    public override void Dispose()
    {
        Live.Dispose();
        base.Dispose();
    }

    /// <summary>The board's own words for a site it cannot show, rather than the API's.</summary>
    private sealed class BoardUnavailable(string message) : DomainException(message);
}
