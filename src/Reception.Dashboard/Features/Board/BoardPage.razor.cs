using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Localization;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Features.Visits;
using Reception.Dashboard.Features.Visits.Components;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Board;

public sealed partial class BoardPage : IDisposable
{
    private string? _loadError;
    private IReadOnlyList<VisitDetailDto> _visits = [];

    // Null until the visits are loaded, so the alert sound does not take the first load for news.
    private IReadOnlyList<VisitAlerts.Alert>? _alerts;
    private System.Security.Claims.ClaimsPrincipal? _user;
    private IDisposable? _visitEvents;
    private Coalescer? _visitReloads;

    [Inject] private LiveSite Live { get; set; } = default!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = default!;
    [Inject] private IStringLocalizer<VisitText> V { get; set; } = default!;
    [Inject] private VisitService Visits { get; set; } = default!;
    [Inject] private EventPublisher Publisher { get; set; } = default!;

    [Parameter] public Guid SiteId { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _user = (await AuthenticationState).User;
        try
        {
            // Visits are read whole again on their events (a burst of them reads once): they are few, and their states move with the clock.
            _visitReloads = new Coalescer(ReloadVisitsAsync);
            _visitEvents = Publisher.Subscribe(SiteId, e => e.VisitId is not null ? InvokeAsync(_visitReloads.RequestAsync) : Task.CompletedTask);
            await Live.StartAsync(_user, SiteId, work => InvokeAsync(work), () => InvokeAsync(StateHasChanged));
            await LoadVisitsAsync();
        }
        catch (NotFoundException)
        {
            _loadError = T["Board.SiteMissing"];
        }
        catch (ForbiddenException)
        {
            _loadError = T["Board.NoRole"];
        }
    }

    private async Task LoadVisitsAsync()
    {
        _visits = await Visits.ListDetailsAsync(_user!, SiteId, CancellationToken.None);
        _alerts = VisitAlerts.For(_visits, V);
    }

    private async Task ReloadVisitsAsync()
    {
        await LoadVisitsAsync();
        StateHasChanged();
    }

    public void Dispose()
    {
        _visitEvents?.Dispose();
        Live.Dispose();
    }
}
