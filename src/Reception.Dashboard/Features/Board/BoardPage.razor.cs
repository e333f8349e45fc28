using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Reception.Dashboard.Features.Visits;
using Reception.Dashboard.Localization;

namespace Reception.Dashboard.Features.Board;

public sealed partial class BoardPage
{
    private IReadOnlyList<VisitDetailDto> _visits = [];

    // Null until the visits are loaded, so the alert sound does not take the first load for news.
    private IReadOnlyList<VisitAlerts.Alert>? _alerts;

    [Inject] private LiveSite Live { get; set; } = default!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = default!;
    [Inject] private IStringLocalizer<VisitText> V { get; set; } = default!;
    [Inject] private VisitQueries Visits { get; set; } = default!;

    // Visits are read whole again on their events (a burst of them reads once): they are few, and their
    // states move with the clock. The rest of the board follows the snapshot tracker, event by event.
    // A board that could not open its site stays with its message rather than trying again on every event.
    protected override bool Watches(BoardEvent e) => e.VisitId is not null && Live.Site is not null;

    protected override async Task LoadAsync()
    {
        if (Live.Site is null)
        {
            await StartLiveAsync();
        }

        _visits = await Visits.ListDetailsAsync(Call);
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
