using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Localization;

namespace Reception.Dashboard.Features.Board;

public sealed partial class BoardPage : IDisposable
{
    private string? _loadError;

    [Inject] private LiveSite Live { get; set; } = default!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = default!;

    [Parameter] public Guid SiteId { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            await Live.StartAsync((await AuthenticationState).User, SiteId, work => InvokeAsync(work), () => InvokeAsync(StateHasChanged));
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

    private string Describe(BoardEvent e) => EventText.Describe(T, e);

    public void Dispose() => Live.Dispose();
}
